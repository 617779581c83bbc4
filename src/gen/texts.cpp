// Section texts for generated records. Figures quoted in the narrative are
// taken from the tables, so text-versus-table checks (X-TEXT-*, T3-TEXT) pass.
#include <string>
#include <vector>

#include "gen/generator.h"
#include "gen/rng.h"
#include "render/layout.h"

namespace gk::gen {

namespace {

std::string n(const Cell& c) { return c.value ? render::format_number(*c.value) : "0"; }
double v(const Cell& c) { return c.value ? *c.value : 0; }

const std::vector<std::string> kProblems = {
    "政府信息公开的主动性和及时性还需进一步提升",
    "政策解读形式较为单一，图解、视频等多元化解读较少",
    "信息公开工作人员业务水平有待提高",
    "部分栏目更新不够及时，公开内容的完整性有待加强",
    "依申请公开办理的规范化程度还需进一步提高"};
const std::vector<std::string> kMeasures = {
    "加强业务培训，提高工作人员的政策理解和业务能力",
    "健全信息发布审核机制，确保公开内容准确、及时、完整",
    "丰富政策解读形式，提升解读质量",
    "定期开展栏目自查，及时更新公开内容",
    "规范依申请公开办理流程，严格按照法定时限答复"};

}  // namespace

void write_section_texts(Rng& rng, Report& r) {
  const auto& a = r.applications;
  const int T = kT2Cols - 1;
  std::string y = std::to_string(r.year) + "年";
  std::string who = rng.chance(0.5) ? "本机关" : r.agency;

  // 一、总体情况
  std::string s1 = y + "，" + who +
                   "认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，"
                   "切实保障人民群众的知情权、参与权和监督权。\n";
  s1 += "（一）主动公开。全年通过政府网站等平台主动公开政府信息" +
        std::to_string(rng.uniform(10, 900)) + "条。\n";
  if (v(a[R_NEW][T]) == 0 && v(a[R_CARRIED_OVER][T]) == 0) {
    s1 += "（二）依申请公开。全年未收到政府信息公开申请。\n";
  } else {
    s1 += "（二）依申请公开。全年共收到政府信息公开申请" + n(a[R_NEW][T]) + "件";
    if (v(a[R_CARRIED_OVER][T]) > 0) s1 += "，上年结转" + n(a[R_CARRIED_OVER][T]) + "件";
    s1 += "，办结" + n(a[R_TOTAL][T]) + "件";
    if (v(a[R_CARRIED_FORWARD][T]) > 0)
      s1 += "，结转下年度继续办理" + n(a[R_CARRIED_FORWARD][T]) + "件";
    s1 += "。其中予以公开" + n(a[R_GRANTED][T]) + "件，部分公开" + n(a[R_PARTIAL][T]) + "件。\n";
  }
  s1 += "（三）政府信息管理。严格落实信息发布审核制度，规范信息公开程序。\n";
  s1 += "（四）平台建设。持续优化政府信息公开专栏，及时更新公开内容。\n";
  s1 += "（五）监督保障。将政务公开工作纳入年度考核，本年度未发生因政府信息公开工作被追究责任的情况。";
  r.sections[0].text = s1;

  // 二、三: short lead-in sentences, sometimes none.
  r.sections[1].text = rng.chance(0.4) ? "本年度主动公开政府信息情况如下表：" : "";
  r.sections[2].text = rng.chance(0.4) ? "本年度收到和处理政府信息公开申请情况如下表：" : "";

  // 四: quotes Table 3 totals.
  double review = v(r.appeals[0][kT3Cols - 1]);
  double suits = v(r.appeals[1][kT3Cols - 1]) + v(r.appeals[2][kT3Cols - 1]);
  if (review == 0 && suits == 0)
    r.sections[3].text = rng.chance(0.6) ? "本年度未发生政府信息公开行政复议、行政诉讼案件。" : "";
  else
    r.sections[3].text = "本年度发生政府信息公开行政复议" + render::format_number(review) +
                         "件，行政诉讼" + render::format_number(suits) + "件。";

  // 五: two problems and two measures.
  size_t p1 = rng.uniform(0, kProblems.size() - 1), p2 = (p1 + 1 + rng.uniform(0, 2)) % kProblems.size();
  size_t m1 = rng.uniform(0, kMeasures.size() - 1), m2 = (m1 + 1 + rng.uniform(0, 2)) % kMeasures.size();
  r.sections[4].text = "（一）存在的主要问题。一是" + kProblems[p1] + "；二是" + kProblems[p2] +
                       "。\n（二）改进情况。一是" + kMeasures[m1] + "；二是" + kMeasures[m2] + "。";

  // 六: the 信息处理费 statement.
  std::string s6 = rng.chance(0.7) ? std::string(render::kFeeStatement)
                                   : who + y + "未收取信息处理费，发出收费通知的件数和总金额以及实际收取的总金额均为0。";
  if (rng.chance(0.3)) s6 += "\n无其他需要报告的事项。";
  r.sections[5].text = s6;
}

}  // namespace gk::gen
