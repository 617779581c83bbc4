#include "recognize/evidence.h"

#include "normalize/normalize.h"
#include "util/utf8.h"

namespace gk {

namespace {

using U = std::u32string;

bool has(const U& s, const char32_t* k) { return s.find(k) != U::npos; }

struct Rule {
  const char32_t* subject;                  // the sentence must name it
  std::vector<const char32_t*> verbs;       // the clause before the number must hold one
  std::vector<const char32_t*> not_verbs;   // and none of these
  const char* cell;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> r = {
      {U"规范性文件", {U"现行有效"}, {}, "proactive.normative_documents.in_force"},
      {U"规范性文件", {U"废止"}, {U"现行有效"}, "proactive.normative_documents.repealed"},
      {U"规范性文件", {U"制发", U"印发", U"制定", U"出台", U"新制作"}, {U"现行有效", U"废止"},
       "proactive.normative_documents.issued"},
      {U"规章", {U"现行有效"}, {U"规范性文件"}, "proactive.regulations.in_force"},
      {U"规章", {U"废止"}, {U"现行有效", U"规范性文件"}, "proactive.regulations.repealed"},
      {U"规章", {U"制发", U"制定", U"出台", U"新制作"}, {U"现行有效", U"废止", U"规范性文件", U"规章制度"},
       "proactive.regulations.issued"},
      {U"申请", {U"收到", U"受理", U"新收"}, {U"上年结转", U"结转下年度"}, "applications.new[6]"},
      {U"申请", {U"上年结转"}, {}, "applications.carried_over[6]"},
      {U"", {U"结转下年度"}, {}, "applications.carried_forward[6]"},
      {U"", {U"予以公开"}, {}, "applications.granted[6]"},
      {U"", {U"部分公开"}, {}, "applications.partial[6]"},
      {U"", {U"办结"}, {}, "applications.total[6]"},
  };
  return r;
}

}  // namespace

std::vector<TextFigure> text_figures(const Report& r) {
  std::vector<TextFigure> out;
  for (int k = 0; k < 4; ++k) {
    const Section& sec = r.sections[k];
    if (!sec.found() || sec.text.empty()) continue;
    U u = normalize_u32(sec.text);
    size_t para = 0;
    size_t sent_begin = 0;
    for (size_t i = 0; i <= u.size(); ++i) {
      bool end = i == u.size() || u[i] == U'。' || u[i] == U'；' || u[i] == ';' || u[i] == '\n';
      if (!end) continue;
      U sent = without_spaces(std::u32string_view(u).substr(sent_begin, i - sent_begin));
      int line = para < sec.text_lines.size() ? sec.text_lines[para] : sec.line;
      if (i < u.size() && u[i] == '\n') ++para;
      sent_begin = i + 1;
      // every "N件" in the sentence, with the clause before it
      for (size_t p = 0; p < sent.size(); ++p) {
        if (!utf8::is_digit(sent[p]) || (p > 0 && utf8::is_digit(sent[p - 1]))) continue;
        size_t q = p;
        double v = 0;
        while (q < sent.size() && utf8::is_digit(sent[q])) v = v * 10 + (sent[q++] - '0');
        if (q >= sent.size() || sent[q] != U'件') continue;
        size_t cb = sent.find_last_of(U"，,、：:", p == 0 ? 0 : p - 1);
        cb = (cb == U::npos || p == 0) ? 0 : cb + 1;
        U clause = sent.substr(cb, p - cb);
        for (const auto& rule : rules()) {
          if (*rule.subject && !has(sent, rule.subject)) continue;
          bool verb = false, bad = false;
          for (const char32_t* vb : rule.verbs) verb = verb || has(clause, vb);
          for (const char32_t* nv : rule.not_verbs) bad = bad || has(clause, nv);
          if (!verb || bad) continue;
          // the subject must be named in this clause or the sentence's first
          if (*rule.subject && !has(clause, rule.subject) && !has(sent.substr(0, cb), rule.subject)) continue;
          out.push_back(TextFigure{rule.cell, v, line});
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace gk
