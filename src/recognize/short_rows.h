// Table 2 rows printed with fewer values than cells (issue 12).
//
// A layout that separates cells by single spaces (pdftotext, converter text,
// a web page flattened to text) loses a cell left blank: "35 4 1 2 1 43" for
// 自然人 35, 商业企业 4, 科研机构 (blank), 社会公益组织 1, 法律服务机构 2,
// 其他 1, 总计 43. Right-aligning such a row puts 35 under 商业企业, and when
// the same column is blank in every row each relation of the table still
// holds: a table of wrong cells that nothing names.
//
// So where the blank went is decided by the table's arithmetic, never by
// position: each short row's candidate placements (which one or two cells
// vanished, taken as blank) that satisfy its row total are combined with the
// other rows' and kept when the column relations hold. A cell every kept
// combination agrees on gets that value; the others are left unknown with
// R-ROW-SHORT. When no combination holds, the rows stay right-aligned (the
// relations that fail then say so).
#pragma once

#include <map>
#include <vector>

#include "model/report.h"
#include "recognize/values.h"

namespace gk {

// `row_atoms`: each Table 2 row's atoms as read (after assign_cells has placed
// them right-aligned into r.applications). `single_six`: the 2019 layout.
// `absent_columns`: applicant columns the table's header does not print (a
// column dropped with its header): a row with one value for each printed
// column is placed under them, the absent cells unknown (repair rebuilds
// them from the row totals when it can).
void place_short_rows(Report& r, const std::map<int, std::vector<Atom>>& row_atoms, bool single_six,
                      const std::vector<int>& absent_columns = {});

}  // namespace gk
