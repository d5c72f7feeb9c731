"""Ground truth for article pairing: Copyright Law of the PRC, 2010 text → 2020 text
(../shared/corpus/copyright_cn/2010.md → 2020.md, the third amendment).

Every entry was checked by reading both articles in both files: a pair is the same legal
provision (possibly edited), not merely similar wording. Labels are the articles' heads as
printed; the 2010 file (another publisher) separates head and text with a full-width space.

Summary of the amendment as read from the two texts: old 1–11 keep their numbers (most lightly
edited; old 11 loses its 4th paragraph, which becomes new 12); old 12–61 move down, old 35 moves
up into chapter 2 as new 16, old 54 and 55 swap places (new 61 and 60); old 44 and 56 are
deleted; new 40, 45, 49, 50, 51, 55 and 65 are new articles.
"""

# (old label in 2010, new label in 2020, what the article is about / how its text changed)
RENUMBERED: list[tuple[str, str, str]] = [
    ("第十二条", "第十三条", "derivative works (改编、翻译…); text identical"),
    ("第十三条", "第十四条", "joint works; a middle paragraph on joint exercise added"),
    ("第十四条", "第十五条", "compilations (汇编作品); text identical"),
    (
        "第十五条",
        "第十七条",
        "film works → 视听作品, owned by the 制作者; rewritten, a paragraph added; "
        "jumps over the new 16 (old 35 moved in)",
    ),
    ("第十六条", "第十八条", "works made for hire (职务作品); 其他组织→非法人组织, item added"),
    ("第十七条", "第十九条", "commissioned works; text identical"),
    (
        "第十八条",
        "第二十条",
        "transfer of the original does not transfer copyright; edited, a paragraph added",
    ),
    ("第十九条", "第二十一条", "succession to economic rights; 公民→自然人, 依法转移"),
    ("第二十条", "第二十二条", "moral rights unlimited in time; text identical"),
    ("第二十一条", "第二十三条", "term of protection; edited, 视听作品"),
    ("第二十二条", "第二十四条", "fair use list (合理使用); edited, item 十三 added"),
    ("第二十三条", "第二十五条", "textbook statutory licence; edited"),
    ("第二十四条", "第二十六条", "licence contracts; identical but for the colon's width"),
    ("第二十五条", "第二十七条", "assignment contracts; 第（五）项→第五项 only"),
    ("第二十六条", "第二十八条", "pledge of copyright; shortened (依法办理出质登记)"),
    ("第二十七条", "第二十九条", "rights not expressly licensed; text identical"),
    ("第二十八条", "第三十条", "remuneration standards; 国务院…部门→国家著作权主管部门"),
    ("第二十九条", "第三十一条", "users must respect moral rights; text identical"),
    ("第三十条", "第三十二条", "publishing contract; text identical"),
    ("第三十一条", "第三十三条", "exclusive publishing right; text identical"),
    (
        "第三十二条",
        "第三十四条",
        "delivery / reprint duties; cross-reference 第五十四条→第六十一条",
    ),
    ("第三十三条", "第三十五条", "submissions to newspapers, reprints; text identical"),
    ("第三十四条", "第三十六条", "editing by publishers; text identical"),
    (
        "第三十五条",
        "第十六条",
        "MOVED from ch. 4 §1 to ch. 2: permission to publish derivative works, generalised to "
        "出版、演出和制作录音录像制品",
    ),
    ("第三十六条", "第三十七条", "typographical design right; text identical"),
    ("第三十七条", "第三十八条", "permission for performances; second paragraph removed"),
    ("第三十八条", "第三十九条", "performers' rights; 出租 added, item references"),
    ("第三十九条", "第四十一条", "term of performers' rights; cross-references renumbered"),
    ("第四十条", "第四十二条", "sound-recording producers using works; second paragraph removed"),
    ("第四十一条", "第四十三条", "contract with performers; text identical"),
    ("第四十二条", "第四十四条", "producers' rights in recordings; second paragraph extended"),
    ("第四十三条", "第四十六条", "broadcasting works; 按照规定 added"),
    ("第四十五条", "第四十七条", "broadcasters' rights; items rewritten, a paragraph added"),
    ("第四十六条", "第四十八条", "TV broadcasting of films → 视听作品; edited"),
    ("第四十七条", "第五十二条", "civil liability list; items 6 and 8 edited"),
    (
        "第四十八条",
        "第五十三条",
        "administrative liability list; opening and items 5–7 rewritten, list kept",
    ),
    (
        "第四十九条",
        "第五十四条",
        "damages; heavily rewritten and extended (punitive damages, 500–5,000,000 yuan), "
        "first sentence recognisable",
    ),
    ("第五十条", "第五十六条", "pre-suit injunctions; edited, second paragraph removed"),
    ("第五十一条", "第五十七条", "pre-suit evidence preservation; only the first paragraph kept"),
    ("第五十二条", "第五十八条", "confiscation by the court; text identical"),
    ("第五十三条", "第五十九条", "burden of proof of lawful source; edited, a paragraph added"),
    (
        "第五十四条",
        "第六十一条",
        "MOVED (swapped with old 55): contract liability / applicable law; rewritten",
    ),
    ("第五十五条", "第六十条", "MOVED (swapped with old 54): mediation, arbitration; identical"),
    ("第五十七条", "第六十二条", "著作权即版权; text identical"),
    ("第五十八条", "第六十三条", "meaning of 出版; text identical"),
    ("第五十九条", "第六十四条", "software and network rights by State Council rules; identical"),
    ("第六十条", "第六十六条", "transitional provision; 和政策 removed"),
    ("第六十一条", "第六十七条", "entry into force 1991-06-01; text identical"),
]

# Articles that keep their number and their content (the 2010 file's full-width spacing aside).
UNCHANGED_NUMBER: list[tuple[str, str]] = [
    ("第一条", "purpose of the law; text identical"),
    ("第六条", "folk literature and art by State Council rules; text identical"),
    ("第二条", "whose works are protected; one word 其他组织→非法人组织"),
    ("第五条", "works not protected; 时事新闻→单纯事实消息"),
    ("第九条", "who owns copyright; 公民/其他组织→自然人/非法人组织"),
    ("第十条", "the seventeen rights; small edits in a few items"),
]
# Articles that keep their number but whose text was substantially edited (same provision).
MODIFIED_SAME_NUMBER: list[tuple[str, str]] = [
    ("第三条", "definition of works; opening rewritten, 视听作品, item 9 rewritten"),
    ("第四条", "exercise of rights within the law; first clause rewritten"),
    ("第七条", "copyright administration; authorities renamed"),
    ("第八条", "collective management organisations; two paragraphs added"),
]
# Together the lists above and below account for every article of both texts (61 and 67).
IDENTICAL_TEXT = ["第一条", "第六条"]  # word for word (only the head's spacing differs)

# New articles of 2020 that have no counterpart in 2010 (checked against the whole 2010 text).
INSERTED_IN_2020: list[tuple[str, str]] = [
    ("第四十条", "performances made for hire (职务表演)"),
    ("第四十五条", "remuneration of sound-recording producers for public transmission"),
    ("第四十九条", "technological protection measures"),
    ("第五十条", "exceptions allowing circumvention of technological measures"),
    ("第五十一条", "rights management information"),
    ("第五十五条", "investigative powers of the copyright authority"),
    ("第六十五条", "transitional rule for photographic works"),
]

# Old 11's 4th paragraph became new 12 (the amendment decision: "将第十一条第四款改为第十二条
# 第一款"): old 11 pairs with new 11, which keeps most of its text; new 12 is inserted.
SPLIT: list[tuple[str, str, str]] = [("第十一条", "第十一条", "第十二条")]

# Articles of 2010 with no counterpart in 2020.
DELETED_FROM_2010: list[tuple[str, str]] = [
    (
        "第四十四条",
        "statutory licence to broadcast published sound recordings; dropped (new 46 ¶2 now "
        "says 按照规定支付报酬 for all published works)",
    ),
    ("第五十六条", "appeal against administrative penalties within three months; dropped"),
]
