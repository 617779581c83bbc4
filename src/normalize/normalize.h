// Normalize: make printed text comparable to the template's labels.
// Unicode width (full-width digits and punctuation to ASCII), spaces inside
// words (removed between CJK characters), markup debris, and the typo lexicon
// of label variants seen in real reports (format-spec §7).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

// Strip conversion debris: "[bookmark: …]", HTML tags, entities (&nbsp; …).
std::string clean_markup(std::string_view s);
bool needs_markup_cleaning(std::string_view s);  // any '[', '<' or '&'?

// One code point to its comparable form (full-width ASCII to ASCII, all kinds
// of space to ' ', curly quotes to straight ones). Returns 0 to drop the char.
char32_t fold_char(char32_t c);

// Fold, then remove spaces unless both neighbours are ASCII (so "无 法提供"
// becomes "无法提供" while "0 0 0" keeps its separators).
std::u32string normalize_u32(std::string_view utf8);
void normalize_into(std::string_view utf8, std::u32string& out);  // same, into a reused buffer
// normalize_into, except that with stop_at_markup it gives up (false, out
// empty) at the first '[', '<' or '&' (needs_markup_cleaning): one pass for
// the text that has none.
bool normalize_unless_markup(std::string_view utf8, std::u32string& out, bool stop_at_markup);

// A typo or variant of a standard label, replaced in normalised text.
struct LexiconEntry {
  std::u32string from, to;
  const char* note;  // e.g. "转结→结转"
};
const std::vector<LexiconEntry>& typo_lexicon();

// Apply the lexicon in place; returns bit i set when entry i was applied.
uint64_t apply_lexicon(std::u32string& s);

// Remove every space (for titles and names).
std::u32string without_spaces(std::u32string_view s);

}  // namespace gk
