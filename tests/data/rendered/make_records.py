#!/usr/bin/env python3
"""Dense records for the rendered fixtures (called by make_fixtures.sh).

    make_records.py BASE.json TEMPLATE OUT.record.json OUT.truth.json

BASE.json is a record from `gongkai generate` (it gives the record's shape:
template, absent cells, the 2019-only figures). Generated records are mostly
zeros, so a cell read into its neighbour's place would go unnoticed; this
script refills every table cell with a deterministic, mostly distinct nonzero
number (a few zeros stay: real tables have them), computes every total the way
the national format defines them, and writes section texts that quote the
figures, so the record is consistent and `gongkai check` has nothing to say
about it except what the template itself implies.

OUT.record.json is the input of `gongkai render`; OUT.truth.json is the
{agency, year, t1, t2.rows, t3[, t1_2019]} form the corpus tests compare with.
"""
import json
import random
import sys

T2_PARTS = ["granted", "partial",
            "denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party",
            "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_inquiry",
            "unable_not_held", "unable_need_creation", "unable_unclear",
            "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_massive", "not_processed_confirm",
            "other_no_correction", "other_no_fee", "other_other"]
T2_ROWS = ["new", "carried_over"] + T2_PARTS + ["total", "carried_forward"]
T3_ROWS = ["review", "litigation_direct", "litigation_after_review"]


def main():
    base_path, template, out_record, out_truth = sys.argv[1:5]
    rec = json.load(open(base_path, encoding="utf-8"))
    assert rec["template"] == template, (rec["template"], template)
    rng = random.Random(20210 if template == "2021" else 20190)
    t2019 = template == "2019"

    if t2019:
        rec["agency"] = "江北省人民政府"
        rec["year"] = 2020
        rec["publication_date"] = "2021-03-20"
    else:
        rec["agency"] = "青山市人民政府"
        rec["year"] = 2024
        rec["publication_date"] = "2025-03-18"
    rec["title"] = None
    rec["diagnostics"] = []
    rec.pop("generator", None)
    year = rec["year"]

    def count(lo=1, hi=98, p_zero=0.06):
        return 0 if rng.random() < p_zero else rng.randint(lo, hi)

    # Table 1
    p = rec["proactive"]
    for k in ("regulations", "normative_documents"):
        issued = rng.randint(2, 19)
        p[k]["issued"] = issued
        p[k]["in_force"] = issued + rng.randint(20, 300)
        p[k]["repealed"] = None if t2019 else rng.randint(1, 9)
    p["licensing"] = rng.randint(1000, 9999)
    p["punishment"] = rng.randint(100, 999)
    p["enforcement"] = rng.randint(10, 99)
    p["fees_wan_yuan"] = None if t2019 else 3721.58
    if t2019:
        q = rec["proactive_2019"]
        q["regulations_published"] = p["regulations"]["issued"]
        q["normative_documents_published"] = p["normative_documents"]["issued"] - 1
        q["licensing_previous_items"] = rng.randint(300, 800)
        q["licensing_change"] = -rng.randint(10, 60)   # 本年增/减 may be negative
        q["punishment_previous_items"] = rng.randint(1000, 3000)
        q["punishment_change"] = rng.randint(5, 40)
        q["enforcement_previous_items"] = rng.randint(100, 400)
        q["enforcement_change"] = -rng.randint(1, 9)
        q["fees_previous_items"] = rng.randint(10, 40)
        q["fees_change"] = rng.randint(1, 5)
        q["other_services_previous_items"] = rng.randint(50, 200)
        q["other_services_change"] = rng.randint(1, 20)
        q["other_services"] = rng.randint(100, 900)
        q["procurement_items"] = rng.randint(20, 200)
        q["procurement_amount_wan_yuan"] = 8634.27

    # Table 2: outcome rows, then carried over / forward, then 新收 = closed + forward − over.
    a = rec["applications"]
    for row in T2_PARTS:
        if a[row][0] is None:  # a row the 2019 template does not print
            continue
        big = row in ("granted", "unable_not_held")
        a[row] = [count(100, 999, 0) if (big and c == 0) else count() for c in range(6)] + [None]
    closed = [sum(a[r][c] for r in T2_PARTS if a[r][c] is not None) for c in range(6)]
    over = [count(1, 30, 0.1) for _ in range(6)]
    forward = [count(1, 40, 0.1) for _ in range(6)]
    new = [closed[c] + forward[c] - over[c] for c in range(6)]
    assert all(v > 0 for v in new)
    a["new"], a["carried_over"], a["carried_forward"] = new + [None], over + [None], forward + [None]
    a["total"] = closed + [None]
    for row in T2_ROWS:
        if a[row][0] is not None:
            a[row][6] = sum(a[row][:6])
    for c in range(7):  # the equations, once more, as the check states them
        parts = sum(a[r][c] for r in T2_PARTS if a[r][c] is not None)
        assert a["total"][c] == parts
        assert a["new"][c] + a["carried_over"][c] == a["total"][c] + a["carried_forward"][c]

    # Table 3
    for row in T3_ROWS:
        parts = [count(1, 40, 0.1) for _ in range(4)]
        rec["appeals"][row] = parts + [sum(parts)]

    # Cell statuses: every value printed, absent cells stay absent.
    info = rec.get("cell_info", {})
    for path, ci in info.items():
        if ci.get("status") != "absent":
            ci["status"] = "printed"

    # Section texts quoting the figures.
    ag = rec["agency"]
    nd = p["normative_documents"]
    n_new, n_over, n_closed = a["new"][6], a["carried_over"][6], a["total"][6]
    review = rec["appeals"]["review"][4]
    lit = rec["appeals"]["litigation_direct"][4] + rec["appeals"]["litigation_after_review"][4]
    rep = "" if t2019 else "，废止{}件".format(nd["repealed"])
    s1 = ("{y}年，{ag}深入贯彻落实《中华人民共和国政府信息公开条例》，以公开促落实、以公开强监管，"
          "政务公开工作取得新成效。\n"
          "（一）主动公开。本年制发行政规范性文件{i}件{rep}，现行有效{f}件，均已按规定公开。\n"
          "（二）依申请公开。全年共收到政府信息公开申请{n}件，上年结转{o}件，办结{c}件。\n"
          "（三）政府信息管理。严格执行公开前保密审查，动态更新政府信息公开目录。\n"
          "（四）平台建设。优化政府门户网站信息公开专栏，完善政策文件库。\n"
          "（五）监督保障。将政务公开纳入年度绩效考核，开展社会评议，本年度未发生责任追究情况。").format(
              y=year, ag=ag, i=nd["issued"], rep=rep, f=nd["in_force"], n=n_new, o=n_over, c=n_closed)
    s5 = ("（一）存在的主要问题。一是政策解读的针对性有待加强；二是依申请公开答复的规范化水平仍需提高。\n"
          "（二）改进情况。一是完善解读与文件同步起草、同步审签、同步发布机制；二是加强业务培训，统一答复文书格式。")
    nofee = a["other_no_fee"][6]
    if t2019:
        s6 = "本年度未收取政府信息公开信息处理费。"
    else:
        s6 = ("本年度共发出收费通知{k}件，总金额0.12万元，实际收取信息处理费0.08万元。"
              "政务公开工作要点落实情况已在门户网站专栏公开。").format(k=nofee)
    texts = {1: s1,
             3: "本年度收到和处理政府信息公开申请情况如下表：",
             4: "本年度发生政府信息公开行政复议{r}件，行政诉讼{l}件。".format(r=review, l=lit),
             5: s5, 6: s6}
    for s in rec["sections"]:
        s["text"] = texts.get(s["number"], s["text"])

    with open(out_record, "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False, indent=1)
        f.write("\n")

    truth = {"agency": ag, "year": year,
             "t1": {k: p[k] for k in ("regulations", "normative_documents", "licensing", "punishment",
                                      "enforcement", "fees_wan_yuan")},
             "t2": {"rows": {r: a[r] for r in T2_ROWS}},
             "t3": {r: rec["appeals"][r] for r in T3_ROWS}}
    if t2019:
        truth["t1_2019"] = rec["proactive_2019"]
    truth["notes"] = ("rendered by tests/data/rendered/make_fixtures.sh from a dense record "
                      "(template {}); every cell printed".format(template))
    with open(out_truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
