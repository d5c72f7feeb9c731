"""The app's resources: templates, demo texts, icons, translations, the Linux desktop file.

A package only so that it installs beside `consult` and `ui` and can be found with
`importlib.resources` wherever it was installed; it holds no code. `consult.paths.resources_dir()`
is the one place that looks it up.
"""
