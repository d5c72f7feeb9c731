"""Ground truth for article pairing: Legislation Law of the PRC, 2015 text → 2023 text
(../shared/corpus/legislation_law_cn/2015.md → 2023.md).

Every entry was checked by reading both articles in both files: the same legal provision
(possibly edited), not merely similar wording. The 2023 revision inserts new general principles
(new 4, 8, 9), new articles on legislative work, local legislation and record review, and splits
a few articles; every 2015 article survives (none deleted).

A trap for similarity-only pairing: old 13 (the NPC may authorise suspending *laws* in some
places) reads most like the new 79 (the State Council may suspend *administrative
regulations*), a new article; its counterpart is new 16.
"""

# (old label in 2015, new label in 2023, what the article is about / how its text changed)
RENUMBERED: list[tuple[str, str, str]] = [
    ("第四条", "第五条", "legislate within powers and procedures; 符合宪法 added"),
    (
        "第五条",
        "第六条",
        "legislation reflects the people's will; a new first paragraph (全过程人民民主) before "
        "the unchanged old text",
    ),
    ("第六条", "第七条", "legislate from reality, clear norms; text identical"),
    ("第七条", "第十条", "NPC and its Standing Committee hold legislative power; ¶ added"),
    ("第八条", "第十一条", "matters reserved to law; 监察委员会 added, item 10 edited"),
    ("第九条", "第十二条", "authorising the State Council; cross-reference 第八条→第十一条"),
    ("第十条", "第十三条", "contents and term of an authorisation; text identical"),
    (
        "第十三条",
        "第十六条",
        "NPC may authorise suspending laws in some places; edited, a paragraph added "
        "(NOT new 79, which is about administrative regulations)",
    ),
    ("第十六条", "第十九条", "bills first submitted to the Standing Committee; text identical"),
    ("第二十二条", "第二十五条", "withdrawal of a bill before the vote; text identical"),
    ("第五十条", "第五十三条", "legal interpretations have the force of law; text identical"),
    ("第五十一条", "第五十四条", "NPC leads and coordinates legislative work; text identical"),
    ("第六十二条", "第六十六条", "implementing rules within one year; text identical"),
    ("第六十四条", "第六十九条", "answers to legal enquiries; text identical"),
    (
        "第七十四条",
        "第八十四条",
        "regulations of special economic zones; paragraphs on Pudong and Hainan added",
    ),
    ("第七十九条", "第八十九条", "publication of local regulations; edited"),
    ("第九十三条", "第一百零四条", "no retroactivity; text identical"),
    (
        "第九十九条",
        "第一百一十条",
        "requests for constitutional review; 国家监察委员会 added, last ¶ removed",
    ),
    ("第一百条", "第一百一十二条", "review opinions to the enacting body; edited"),
    ("第一百零五条", "第一百二十条", "entry into force 2000-07-01; text identical"),
]

UNCHANGED_NUMBER: list[tuple[str, str]] = [
    ("第一条", "purpose of the law; text identical"),
    ("第二条", "scope of the law; text identical"),
]

# New articles of 2023 with no counterpart in 2015 (their key phrases absent from the 2015 text).
INSERTED_IN_2023: list[tuple[str, str]] = [
    ("第八条", "socialist core values in legislation"),
    ("第九条", "legislation and reform"),
    ("第五十五条", "科学立法、民主立法、依法立法; codification"),
    ("第六十八条", "NPC decisions on legal questions"),
    ("第七十条", "grassroots legislative contact points of the Standing Committee"),
    ("第七十一条", "publicity of legislative work"),
    ("第七十九条", "State Council may suspend administrative regulations"),
    ("第八十三条", "coordinated regional legislation"),
    ("第九十条", "local grassroots legislative contact points"),
    ("第一百一十五条", "hand-over between record-review bodies"),
    ("第一百一十六条", "clean-up of normative documents"),
    ("第一百一十八条", "supervisory regulations (监察法规)"),
]

# (old label, new label that keeps most of its text, new label of the split-off part)
SPLIT: list[tuple[str, str, str]] = [
    # old 72 ¶1 (provinces may make local regulations) became new 80; ¶2–6 (cities with
    # districts) are new 81
    ("第七十二条", "第八十一条", "第八十条"),
]

DELETED_FROM_2015: list[tuple[str, str]] = []  # every 2015 article has a counterpart in 2023
