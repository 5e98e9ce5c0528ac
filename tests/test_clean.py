"""Tests of the clean stage (kg.clean, kg.cleanlines).

Small tables of real sentences from the seed files (raw snippet -> cleaned
text), then whole-seed checks and the offset-map property on every seed.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kg.clean import clean
from kg.cleanlines import find_date, is_heading, profile, split_lines
from kg.model import CleanDocument, DocMeta, RawDocument

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = ("000", "001", "002", "003", "004")


def _raw(text: str, doc_id: str = "t") -> RawDocument:
    return RawDocument(doc_id, f"{doc_id}.txt", text, sha256="", encoding="utf-8")


def _seed_raw(prefix: str) -> RawDocument:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return _raw(path.read_text(encoding="utf-8"), path.stem)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[RawDocument, CleanDocument]]:
    out = {}
    for prefix in SEED_IDS:
        raw = _seed_raw(prefix)
        out[prefix] = (raw, clean(raw))
    return out


# A body line long enough (>= 30 chars) to be a paragraph, not a heading.
LEAD = "发展新质生产力是推动高质量发展的内在要求和重要着力点，必须继续做好创新这篇大文章。"

# fmt: off
BODY_CASES = [
    # page-break split (003): a long line without end punctuation continues
    ("当前，互联网、大数据、云计算、人工智能等技术加速突破应用，氢能与储能等未来产业也在孕育发展。我\n\n国已进入创新型国家行列，一些前沿领域开始进入并跑、领跑阶段。",
     "当前，互联网、大数据、云计算、人工智能等技术加速突破应用，氢能与储能等未来产业也在孕育发展。我国已进入创新型国家行列，一些前沿领域开始进入并跑、领跑阶段。"),
    # a closing quote is not a sentence end (000)
    ("发展新质生产力是在百年未有之大变局背景下应对全球产业变革和科技革命的战略举措，对于解决部分领域面临的“卡脖子”\n\n问题具有重大作用。",
     "发展新质生产力是在百年未有之大变局背景下应对全球产业变革和科技革命的战略举措，对于解决部分领域面临的“卡脖子”问题具有重大作用。"),
    # headings stay on their own line
    ("一、新质生产力的内涵\n\n生产力是人类在生产实践中形成的改造和影响自然以使其适合社会需要的物质力量。",
     "一、新质生产力的内涵\n生产力是人类在生产实践中形成的改造和影响自然以使其适合社会需要的物质力量。"),
    (LEAD + "\n\n（一）创新性：生产力三要素的数智化\n\n1. 劳动者的数智化创新\n\n2.1 概念界定",
     LEAD + "\n（一）创新性：生产力三要素的数智化\n1. 劳动者的数智化创新\n2.1 概念界定"),
    # citation markers: [n], [n]page, (n) with spaces; full-width （一） is kept
    ("是全面建设社会主义现代化国家的首要任务。”[1]\n\n而完成高质量发展任务的关键举措之一就是要建设现代化产业体系。",
     "是全面建设社会主义现代化国家的首要任务。”\n而完成高质量发展任务的关键举措之一就是要建设现代化产业体系。"),
    ("生产资料的规模和效能，以及自然条件”。[4]53 劳动者、劳动资料、劳动对象是生产力的基本构成要素。",
     "生产资料的规模和效能，以及自然条件”。劳动者、劳动资料、劳动对象是生产力的基本构成要素。"),
    ("需要在技术与劳动者的深度融合中形成符合中国特色社会主义本质要求的生产方式 (2) 体系。",
     "需要在技术与劳动者的深度融合中形成符合中国特色社会主义本质要求的生产方式体系。"),
    ("引领发展战略性新兴产业和未来产业，加快形成新质生产力 (1)。2023 年 9 月 7 日，习近平总书记在新时代推动东北全面振兴座谈会上强调。",
     "引领发展战略性新兴产业和未来产业，加快形成新质生产力。2023年9月7日，习近平总书记在新时代推动东北全面振兴座谈会上强调。"),
    # stray spaces between CJK chars and around digits
    ("以习 近 平同志为核心的党中央深刻总结国内外发展经验教训，塑造有利于基础研究的创新生 态。”(3)",
     "以习近平同志为核心的党中央深刻总结国内外发展经验教训，塑造有利于基础研究的创新生态。”"),
    ("2024 年我国新能源汽车产销分别完成 1288.8 万辆和 1286.6 万辆，占年收入的 20%以上，生产效率提升 50% 以上。",
     "2024年我国新能源汽车产销分别完成1288.8万辆和1286.6万辆，占年收入的20%以上，生产效率提升50%以上。"),
    ("2025 年 1 月，杭州深度求索（DeepSeek）公司发布推理大模型 DeepSeek-R1，性能对标 OpenAI o1。",
     "2025年1月，杭州深度求索（DeepSeek）公司发布推理大模型 DeepSeek-R1，性能对标 OpenAI o1。"),
    # markdown bold, ASCII quotes, " and " between CJK
    ("从国内视角看，我国经济已经进入新的发展阶段。**第一，经济增长动力转换**。传统的要素驱动模式难以为继。",
     "从国内视角看，我国经济已经进入新的发展阶段。第一，经济增长动力转换。传统的要素驱动模式难以为继。"),
    ('党的二十大报告明确提出"完善科技创新体系""强化国家战略科技力量"，首次提出"新质生产力"这一原创性概念。',
     "党的二十大报告明确提出“完善科技创新体系”“强化国家战略科技力量”，首次提出“新质生产力”这一原创性概念。"),
    ("推动教育、科技、人才一体化发展，建立大学、科研机构 and 高层次创新人才承担国家重大科技任务的长效机制。",
     "推动教育、科技、人才一体化发展，建立大学、科研机构和高层次创新人才承担国家重大科技任务的长效机制。"),
    # a figure caption inside a sentence (001) is dropped and the halves joined
    ("人才是第一资源，掌握数智化技能的劳动者是新质生产力创造和使用过程中最\n\n图1\u2003 新质生产力的四大特点及相互关系图\n 活跃、最具决定性意义的能动主体。",
     "人才是第一资源，掌握数智化技能的劳动者是新质生产力创造和使用过程中最活跃、最具决定性意义的能动主体。"),
    # a char repeated across a page break (002)
    ("另一方面要改革人才评价制度，给予创新人才高于科技创新人才预期的福利待遇\n\n遇，以此激发人才的创新潜能。",
     "另一方面要改革人才评价制度，给予创新人才高于科技创新人才预期的福利待遇，以此激发人才的创新潜能。"),
    # table cells (004) stay separate lines; whitespace-only lines are blank
    (LEAD + "\n\n表 1：新质生产力与传统生产力的对比\n\n\t比较维度\n\t传统生产力\n\t新质生产力\n\n\t要素构成\n\t依赖土地、劳动力、资本等传统要素\n \n",
     LEAD + "\n比较维度\n传统生产力\n新质生产力\n要素构成\n依赖土地、劳动力、资本等传统要素"),
    # headings: a stray space next to a short piece goes, a two-part title keeps its space
    (LEAD + "\n\n全面深化改革为发展新质生产力提供强大 动力\n\n培育新质生产力 激活发展新动能",
     LEAD + "\n全面深化改革为发展新质生产力提供强大动力\n培育新质生产力 激活发展新动能"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), BODY_CASES)
def test_clean_body_text(raw: str, expected: str) -> None:
    assert clean(_raw(raw)).text == expected


# fmt: off
META_CASES = [
    ("聚焦推动高质量发展 加快发展新质生产力\n\n张来明 国务院发展研究中心党组成员、副主任\n\n" + LEAD + "\n\n（转载自《求是》2024年第9期）",
     {"title": "聚焦推动高质量发展 加快发展新质生产力", "author_line": "张来明 国务院发展研究中心党组成员、副主任",
      "reprint": "转载自《求是》2024年第9期", "date": "2024"}),
    ("发展新质生产力，推动高质量发展\n——新时代中国经济转型的核心引擎\n\n" + LEAD,
     {"title": "发展新质生产力，推动高质量发展", "subtitle": "新时代中国经济转型的核心引擎", "date": ""}),
    ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n" + LEAD,
     {"title": "政府工作报告", "author_line": "国务院总理 李强", "date": "2024-03-05"}),
    ("中国共产党第二十届中央委员会第三次全体会议公报\n（2024年7月18日）\n" + LEAD,
     {"title": "中国共产党第二十届中央委员会第三次全体会议公报", "date": "2024-07-18"}),
    ("以新质生产力赋能高质量发展\n2024 年 3 月\n" + LEAD + "\n来源：人民日报\n（责任编辑：张三）",
     {"date": "2024-03", "reprint": "来源：人民日报"}),
    ("2024-03-06 08:21:33  来源：新华网\n" + LEAD,
     {"date": "2024-03-06", "reprint": "来源：新华网", "title": ""}),
    ("新质生产力的理论逻辑\n张三1，李四2\n（1.中国人民大学 经济学院，北京 100872）\n基金项目：国家社会科学基金重大项目（2023年）\n" + LEAD,
     {"title": "新质生产力的理论逻辑", "author_line": "张三1，李四2 （1.中国人民大学 经济学院，北京 100872）", "date": ""}),
    (LEAD + "\n关键词：新质生产力；高质量发展；科技创新",
     {"keywords": ("新质生产力", "高质量发展", "科技创新")}),
    (LEAD + "\nAbstract: New quality productivity is the productivity with completely new characteristics.",
     {"abstract_en": "New quality productivity is the productivity with completely new characteristics."}),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), META_CASES)
def test_clean_meta_fields(raw: str, expected: dict[str, object]) -> None:
    doc = clean(_raw(raw))
    assert {k: getattr(doc.meta, k) for k in expected} == expected
    assert doc.text == LEAD


def test_clean_toc_is_parsed_before_joining() -> None:
    raw = "新质生产力理论文稿汇编（10 篇）\n\n目录\n\n1... 培育新质生产力 激活发展新动能\t2\n\n2... 全面深化改革为发展新质生产力提供强大动力\t4\n\n10. 因地制宜地发展新质生产力\t41\n\n" + LEAD
    doc = clean(_raw(raw))
    assert doc.meta.toc == ("培育新质生产力 激活发展新动能\t2", "全面深化改革为发展新质生产力提供强大动力\t4", "因地制宜地发展新质生产力\t41")
    assert doc.text == LEAD


def test_clean_shorter_duplicate_abstract_is_dropped() -> None:
    short = "新质生产力是马克思主义生产力理论在新时代的创新发展。本文从理论内涵、现实背景五个维度系统阐释新质生产力。"
    long = " 摘 要：新质生产力是马克思主义生产力理论在新时代的创新发展。2024 年 7 月党的二十届三中全会将其写入《决定》。本文从理论内涵、现实背景五个维度系统阐释新质生产力，以期提供参考。"
    doc = clean(_raw(f"发展新质生产力，推动高质量发展\n\n摘  要\n{short}\n{long}\n 一、引言\n\n{LEAD}"))
    assert doc.meta.abstract.startswith("新质生产力是马克思主义") and "2024年7月" in doc.meta.abstract
    assert "\n" not in doc.meta.abstract
    assert doc.text == "一、引言\n" + LEAD


def test_clean_footnote_lines_and_reference_list() -> None:
    raw = (LEAD + "\n(1)  《马克思恩格斯文集》（第5卷），北京：人民出版社，2009年版，第210页。\n" + LEAD
           + "\n参考文献\n[1]张三.新质生产力研究[M].北京:人民出版社,2024:12.\n[2] Smith J. New productive forces[J]. Journal of Economics, 2024, 12(3):\n1-20.")
    doc = clean(_raw(raw))
    assert [(f.marker, f.text) for f in doc.meta.footnotes] == [
        ("(1)", "《马克思恩格斯文集》（第5卷），北京：人民出版社，2009年版，第210页。"),
        ("[1]", "张三.新质生产力研究[M].北京:人民出版社,2024:12."),
        ("[2]", "Smith J. New productive forces[J]. Journal of Economics, 2024, 12(3): 1-20."),
    ]
    assert doc.text == LEAD + "\n" + LEAD
    first = doc.meta.footnotes[0]
    assert raw[first.start : first.end] == first.text


# fmt: off
@pytest.mark.parametrize(("text", "edtf"), [
    ("（转载自《求是》2024年第9期）", "2024"),
    ("（2024年3月5日）", "2024-03-05"),
    ("2024 年 7 月", "2024-07"),
    ("2024-03-06 08:21", "2024-03-06"),
    ("2024年13月", "2024"),
    ("十四届全国人大二次会议", ""),
])
# fmt: on
def test_clean_find_date(text: str, edtf: str) -> None:
    assert find_date(text) == edtf


def test_clean_wrapped_pdf_page_furniture_is_dropped() -> None:
    paras = [
        "新质生产力这一概念，凸显了生产力历史性跃升的决定性作用。工业革命后，以机器大工业为基础的资本主义现代生产代替了以手工劳动为基础的传统生产，使社会生产力实现了历史性跃升。",
        "创新是发展的第一动力。习近平总书记深刻指出：“科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。”这一重要论述指明了发展新质生产力的核心要素。",
        "发展新质生产力要培育新产业。由技术革命性突破催生的新产业，能够摆脱传统经济增长方式、生产力发展路径，是新质生产力的基本载体。",
    ] * 3
    lines = [p[k : k + 22] for p in paras for k in range(0, len(p), 22)]
    for n in (40, 20):  # page number and running header at two page breaks
        lines[n:n] = [f"— {n // 20} —", "求是 2024年第9期"]
    doc = clean(_raw("求是 2024年第9期\n\n" + "\n\n".join(lines)))
    assert doc.text.replace("\n", "") == "".join(paras)
    assert doc.meta.title == "" and doc.meta.date == ""


def test_clean_profile_detects_hard_wrapping(seeds: dict[str, tuple[RawDocument, CleanDocument]]) -> None:
    wrapped = {p: profile(split_lines(raw.text)).wrapped for p, (raw, _) in seeds.items()}
    assert wrapped == {"000": True, "001": True, "002": False, "003": False, "004": False}
    assert not is_heading("2023 年 9 月，习近平总书记在黑龙江考察时", profile(split_lines(seeds["001"][0].text)))


# --- whole seeds ------------------------------------------------------------


def test_clean_seed_000_abstract_cut_out_and_word_rejoined(seeds) -> None:
    _, doc = seeds["000"]
    assert "着手展开实施。充分认识" in doc.text
    assert doc.meta.abstract.startswith("新质生产力是习近平经济思想中的重要概念")
    assert doc.meta.abstract.endswith("为经济社会可持续发展和中国式现代化建设增强动能。")
    assert "摘" not in doc.text[:2000] and "[" not in doc.text
    assert "\n一、新质生产力赋能中国式现代化的内涵要义\n生产力是马克思主义" in doc.text
    assert "\n（二）按照新质生产力的基本内涵找准实践着力点\n" in doc.text
    assert "\n（四）将党的领导、企业的积极性和社会广泛参与相统一\n" in doc.text
    assert "2024年的《政府工作报告》" in doc.text
    assert doc.meta.abstract_en.startswith("cultivation and development") and "cultivation" not in doc.text


def test_clean_seed_001_footnotes_leave_the_body(seeds) -> None:
    raw, doc = seeds["001"]
    notes = doc.meta.footnotes
    assert len(notes) == 17
    assert notes[0].marker == "(1)" and notes[0].text.startswith("《马克思恩格斯文集》（第5卷）")
    assert any(n.text.endswith("第二十次全国代表大会上的报告（2022年10月16日）》，北京：人民出版社，2022年版，第28页。") for n in notes)
    assert any(n.text.startswith("这里的“生产方式”不是指") and n.text.endswith("具体运作方式。") for n in notes)
    for note in notes:  # the recorded span holds the note text (modulo line breaks)
        assert re.sub(r"\s", "", raw.text[note.start : note.end]) == re.sub(r"\s", "", note.text)
    assert "人类传统的生产方式" in doc.text and "出版社" not in doc.text
    assert "过程中最活跃、最具决定性意义" in doc.text and "四大特点及相互关系图" not in doc.text
    assert "生产方式体系" in doc.text and "(1)" not in doc.text and "习近平同志为核心" in doc.text
    assert doc.meta.abstract.startswith("新质生产力是符合高质量发展要求的生产力")
    assert doc.meta.abstract.endswith("实现跨越式发展。")
    assert doc.meta.abstract_en.endswith("high-guiltily development.")
    assert doc.text.startswith("2023年9月，习近平总书记在黑龙江考察时强调")


def test_clean_seed_002_toc_and_duplicates_kept(seeds) -> None:
    _, doc = seeds["002"]
    assert len(doc.meta.toc) == 10
    assert doc.meta.toc[5] == "新质生产力解析 因地制宜地发展新质生产力\t22"
    assert doc.meta.title == "新质生产力理论文稿汇编（10篇）"
    assert "福利待遇，以此激发" in doc.text and "\t" not in doc.text
    assert doc.text.count("2023年9月7日，习近平总书记在新时代推动东北全面振兴座谈会上强调") == 2
    lines = doc.text.split("\n")
    assert "培育新质生产力 激活发展新动能" in lines and "核心观点" in lines
    assert "推进现代服务业与先进制造业的深度融合" in doc.text


def test_clean_seed_003_front_matter_and_reprint(seeds) -> None:
    _, doc = seeds["003"]
    meta = doc.meta
    assert meta.title == "聚焦推动高质量发展 加快发展新质生产力"
    assert meta.author_line == "张来明 国务院发展研究中心党组成员、副主任"
    assert (meta.reprint, meta.date) == ("转载自《求是》2024年第9期", "2024")
    assert doc.text.startswith("2023年，习近平总书记在地方考察期间提出“新质生产力”。")
    assert "也在孕育发展。我国已进入创新型国家行列" in doc.text and "深度融合；坚持开放创新" in doc.text
    assert "转载" not in doc.text and "张来明" not in doc.text


def test_clean_seed_004_table_and_single_abstract(seeds) -> None:
    _, doc = seeds["004"]
    assert "\n比较维度\n传统生产力\n新质生产力\n要素构成\n" in doc.text
    assert "比较维度传统生产力" not in doc.text and "表 1：" not in doc.text
    assert "\n" not in doc.meta.abstract and "2024年7月党的二十届三中全会将其写入《决定》" in doc.meta.abstract
    assert (doc.meta.title, doc.meta.subtitle) == ("发展新质生产力，推动高质量发展", "新时代中国经济转型的核心引擎")
    assert '"' not in doc.text and "**" not in doc.text
    assert doc.text.startswith("一、引言\n生产力是人类社会发展的根本动力")
    assert "\n5.2 DeepSeek R1 震撼硅谷：中国 AI 的“斯普特尼克时刻”\n" in doc.text


NORMALISED = {("“", '"'), ("”", '"'), ("和", "a")}


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_clean_offsets_point_at_the_same_characters(seeds, prefix: str) -> None:
    raw, doc = seeds[prefix]
    assert len(doc.offsets) == len(doc.text)
    for char, off in zip(doc.text, doc.offsets):
        orig = raw.text[off]
        assert char == orig or (char, orig) in NORMALISED or (char == " " and orig.isspace()), (char, off)
    assert list(doc.offsets) == sorted(set(doc.offsets))  # strictly increasing
    assert "\n\n" not in doc.text and doc.text == doc.text.strip()


def test_clean_original_span_maps_back(seeds) -> None:
    raw, doc = seeds["001"]
    i = doc.text.index("人类传统的生产方式")
    start, end = doc.original_span(i, i + len("人类传统的生产方式"))
    assert re.sub(r"\s", "", raw.text[start:end]).startswith("人类传")
    assert raw.text[start:end].endswith("统的生产方式")


def test_clean_is_fast_enough(seeds) -> None:
    raw, _ = seeds["002"]  # 65 KB
    best = min(_timed(raw) for _ in range(3))
    assert best < 0.1


def _timed(raw: RawDocument) -> float:
    t0 = time.perf_counter()
    clean(raw)
    return time.perf_counter() - t0


def test_clean_empty_and_blank_input() -> None:
    for text in ("", " \n\n\t\n"):
        assert clean(_raw(text)) == CleanDocument("t", "", (), DocMeta())
