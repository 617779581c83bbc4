#include "register/store.h"

#include <unordered_map>

#include "register/table2.h"

namespace gk::reg {

void save_register(store::Db& db, const Register& reg, const std::string& source) {
  store::Tx tx(db);
  db.prepare("DELETE FROM register_cases WHERE unit=? AND year=?").bind(1, reg.unit).bind(2, reg.year).run();
  auto ins = db.prepare(
      "INSERT INTO register_cases(unit, year, seq, case_no, received, channel, applicant, subject, carried_over, "
      "outcome, replied, extended, fee_notice, fee_amount, fee_paid, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int seq = 0;
  for (const Case& c : reg.cases) {
    ins.bind(1, reg.unit).bind(2, reg.year).bind(3, seq++).bind(4, c.case_no).bind(5, c.received.iso());
    ins.bind(6, c.channel).bind(7, c.applicant).bind(8, c.subject).bind(9, c.carried_over ? 1 : 0);
    if (c.outcome >= 0) ins.bind(10, kT2RowKeys[c.outcome]);
    else ins.bind_null(10);
    if (c.replied) ins.bind(11, c.replied->iso());
    else ins.bind_null(11);
    ins.bind(12, c.extended ? 1 : 0).bind(13, c.fee_notice ? 1 : 0).bind(14, c.fee_amount);
    ins.bind(15, c.fee_paid ? 1 : 0).bind(16, c.note);
    ins.run();
  }
  db.prepare("INSERT INTO register_imports(unit, year, source, rows) VALUES (?,?,?,?)")
      .bind(1, reg.unit)
      .bind(2, reg.year)
      .bind(3, source)
      .bind(4, static_cast<int64_t>(reg.cases.size()))
      .run();
  tx.commit();
}

std::optional<Register> load_register(store::Db& db, const std::string& unit, int year) {
  static const std::unordered_map<std::string, int> row_of = [] {
    std::unordered_map<std::string, int> m;
    for (int r = 0; r < kT2Rows; ++r) m[kT2RowKeys[r]] = r;
    return m;
  }();
  auto known = db.prepare("SELECT count(*) FROM register_imports WHERE unit=? AND year=?");
  known.bind(1, unit).bind(2, year);
  known.step();
  if (known.i64(0) == 0) return std::nullopt;
  Register reg;
  reg.unit = unit;
  reg.year = year;
  auto st = db.prepare(
      "SELECT case_no, received, channel, applicant, subject, carried_over, outcome, replied, extended, "
      "fee_notice, fee_amount, fee_paid, note FROM register_cases WHERE unit=? AND year=? ORDER BY seq");
  st.bind(1, unit).bind(2, year);
  while (st.step()) {
    Case c;
    c.case_no = st.str(0);
    auto rec = parse_date(st.str(1));
    if (!rec) throw store::DbError("数据库中的台账日期已损坏：" + st.str(1));
    c.received = *rec;
    c.channel = st.str(2);
    c.applicant = static_cast<int>(st.i64(3));
    if (c.applicant < 0 || c.applicant >= kApplicantTypes) throw store::DbError("数据库中的台账申请人类型已损坏");
    c.subject = st.str(4);
    c.carried_over = st.i64(5) != 0;
    if (!st.is_null(6)) {
      auto it = row_of.find(st.str(6));
      if (it == row_of.end() || it->second < kOutcomeFirst || it->second > kOutcomeLast)
        throw store::DbError("数据库中的台账办理结果已损坏：" + st.str(6));
      c.outcome = it->second;
    }
    if (!st.is_null(7)) c.replied = parse_date(st.str(7));
    c.extended = st.i64(8) != 0;
    c.fee_notice = st.i64(9) != 0;
    c.fee_amount = st.f64(10);
    c.fee_paid = st.i64(11) != 0;
    c.note = st.str(12);
    reg.cases.push_back(std::move(c));
  }
  return reg;
}

std::vector<RegisterSummary> list_registers(store::Db& db) {
  std::vector<RegisterSummary> out;
  auto st = db.prepare(
      "SELECT i.unit, i.year, (SELECT count(*) FROM register_cases c WHERE c.unit=i.unit AND c.year=i.year), "
      "(SELECT count(*) FROM register_cases c WHERE c.unit=i.unit AND c.year=i.year AND "
      "(c.outcome IS NULL OR c.replied IS NULL OR CAST(substr(c.replied,1,4) AS INTEGER) > c.year)), "
      "max(i.imported_at), (SELECT source FROM register_imports j WHERE j.unit=i.unit AND j.year=i.year "
      "ORDER BY j.id DESC LIMIT 1) FROM register_imports i GROUP BY i.unit, i.year ORDER BY i.unit, i.year");
  while (st.step())
    out.push_back({st.str(0), static_cast<int>(st.i64(1)), static_cast<long>(st.i64(2)),
                   static_cast<long>(st.i64(3)), st.str(4), st.str(5)});
  return out;
}

}  // namespace gk::reg
