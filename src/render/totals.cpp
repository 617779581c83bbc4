// Totals of the national tables, computed from their parts by the model's
// relations (model/relations.h). A given total that contradicts its parts is
// refused with the rule the model names.
#include "model/relations.h"
#include "render/render.h"

namespace gk::render {

void complete_totals(Report& r) {
  if (auto bad = gk::complete_totals(r)) throw RenderError(bad->id, bad->message);
}

}  // namespace gk::render
