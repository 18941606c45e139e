// .docx text: libzip (bounded reads, entry-count limit) + pugixml. Paragraphs,
// list items (with their automatic numbering rendered, so "(a)" labels made by
// Word's lists survive), table cells and headings, one paragraph per line, in
// document order. Struck-through runs become ~~text~~; tracked deletions are
// dropped. The walk is iterative: deep nesting cannot overflow the stack.
#include <zip.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>
#include <cctype>

#include "automark/script.h"
#include "intake/office_xml.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

using xml::attr;
using xml::child;
using xml::fail;
using xml::local;

bool truthy_val(const pugi::xml_node& n) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (local(a.name()) == "val") {
      std::string v = lower_ascii(a.value());
      return !(v == "0" || v == "false" || v == "off" || v == "none");
    }
  }
  return true;
}

int to_int(const std::string& s, int dflt) {
  if (s.empty() || s.size() > 9) return dflt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return dflt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// ---- automatic numbering (word/numbering.xml) ----
struct Level {
  std::string fmt = "decimal";
  std::string text;  // lvlText, e.g. "(%1)" or "%1.%2"
  int start = 1;
};
struct Numbering {
  std::map<int, std::array<Level, 9>> abstract;     // abstractNumId -> levels
  std::map<int, int> num_to_abstract;               // numId -> abstractNumId
  std::map<int, std::map<int, int>> start_override; // numId -> ilvl -> start
  std::map<int, std::array<int, 9>> counters;       // numId -> current value per level
  std::map<int, std::array<bool, 9>> started;
};

void load_numbering(const std::string& xml, Numbering& num) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) return;  // numbering is optional
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    if (local(n.name()) == "abstractNum") {
      int id = to_int(attr(n, "abstractNumId"), -1);
      if (id < 0) continue;
      auto& levels = num.abstract[id];
      for (pugi::xml_node l = n.first_child(); l; l = l.next_sibling()) {
        if (l.type() != pugi::node_element || local(l.name()) != "lvl") continue;
        int il = to_int(attr(l, "ilvl"), -1);
        if (il < 0 || il > 8) continue;
        Level lv;
        if (auto f = child(l, "numFmt")) lv.fmt = attr(f, "val");
        if (auto t = child(l, "lvlText")) lv.text = attr(t, "val");
        if (auto s = child(l, "start")) lv.start = to_int(attr(s, "val"), 1);
        levels[static_cast<std::size_t>(il)] = lv;
      }
    } else if (local(n.name()) == "num") {
      int id = to_int(attr(n, "numId"), -1);
      if (id < 0) continue;
      if (auto a = child(n, "abstractNumId")) num.num_to_abstract[id] = to_int(attr(a, "val"), -1);
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (o.type() != pugi::node_element || local(o.name()) != "lvlOverride") continue;
        int il = to_int(attr(o, "ilvl"), -1);
        if (auto s = child(o, "startOverride"); s && il >= 0 && il <= 8) num.start_override[id][il] = to_int(attr(s, "val"), 1);
      }
    }
  }
}

std::string format_counter(int v, const std::string& fmt) {
  if (fmt == "lowerLetter" || fmt == "upperLetter") {
    if (v <= 0) return std::to_string(v);
    char base = fmt == "lowerLetter" ? 'a' : 'A';
    // Word repeats the letter: 27 -> aa.
    int reps = (v - 1) / 26 + 1;
    if (reps > 8) return std::to_string(v);
    return std::string(static_cast<std::size_t>(reps), static_cast<char>(base + (v - 1) % 26));
  }
  if (fmt == "lowerRoman") return roman(v, false);
  if (fmt == "upperRoman") return roman(v, true);
  if (fmt == "decimalZero") return v < 10 ? "0" + std::to_string(v) : std::to_string(v);
  return std::to_string(v);
}

/// The label of a numbered paragraph ("(a)", "1.", "-" for bullets), or "".
std::string list_label(Numbering& num, int num_id, int ilvl) {
  if (num_id <= 0 || ilvl < 0 || ilvl > 8) return "";
  auto na = num.num_to_abstract.find(num_id);
  if (na == num.num_to_abstract.end()) return "";
  auto ab = num.abstract.find(na->second);
  if (ab == num.abstract.end()) return "";
  const auto& levels = ab->second;
  auto& cnt = num.counters[num_id];
  auto& st = num.started[num_id];
  auto start_of = [&](int l) {
    auto so = num.start_override.find(num_id);
    if (so != num.start_override.end()) {
      auto it = so->second.find(l);
      if (it != so->second.end()) return it->second;
    }
    return levels[static_cast<std::size_t>(l)].start;
  };
  const auto il = static_cast<std::size_t>(ilvl);
  cnt[il] = st[il] ? cnt[il] + 1 : start_of(ilvl);
  st[il] = true;
  for (std::size_t d = il + 1; d < 9; ++d) st[d] = false;
  const Level& lv = levels[il];
  if (lv.fmt == "bullet") return "-";
  if (lv.fmt == "none") return "";
  std::string out;
  const std::string& t = lv.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
      auto k = static_cast<std::size_t>(t[i + 1] - '1');
      int v = k <= il ? (st[k] ? cnt[k] : start_of(static_cast<int>(k))) : 0;
      out += format_counter(v, levels[k].fmt);
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

// The text of a node's w:t descendants (iterative, bounded by the node).
std::string plain_text(const pugi::xml_node& n) {
  std::string out;
  std::vector<pugi::xml_node> st{n};
  while (!st.empty() && out.size() < 256) {
    pugi::xml_node x = st.back();
    st.pop_back();
    if (x.type() != pugi::node_element) continue;
    if (local(x.name()) == "t") {
      out += x.text().get();
      continue;
    }
    for (pugi::xml_node c = x.last_child(); c; c = c.previous_sibling()) st.push_back(c);
  }
  return out;
}

/// Columns of a table to leave out: those whose header cell (first row) names a
/// word count or marks ("Words", "Word count", "Marks"), so that a count such
/// as "4" is never read as the label of question 4.
std::vector<bool> skipped_columns(const pugi::xml_node& tbl) {
  std::vector<bool> skip;
  pugi::xml_node head = child(tbl, "tr");
  if (!head) return skip;
  static const char* const kNames[] = {"words",   "word count", "words used", "no. of words", "number of words",
                                       "wordcount", "word count (max)", "marks", "mark", "max marks",
                                       "score",   "wc"};
  for (pugi::xml_node c = head.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || local(c.name()) != "tc") continue;
    std::string t;
    for (char ch : plain_text(c)) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    while (!t.empty() && (t.back() == ' ' || t.back() == ':')) t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    bool drop = false;
    for (const char* k : kNames) drop = drop || t == k;
    skip.push_back(drop);
  }
  return skip;
}

bool run_struck(const pugi::xml_node& r) {
  pugi::xml_node rpr = child(r, "rPr");
  if (!rpr) return false;
  for (pugi::xml_node c = rpr.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view n = local(c.name());
    if ((n == "strike" || n == "dstrike") && truthy_val(c)) return true;
  }
  return false;
}

}  // namespace

void LineBuilder::flush_strike() {
  if (struck.empty()) return;
  std::size_t a = 0, b = struck.size();
  while (a < b && (struck[a] == ' ' || struck[a] == '\t')) ++a;
  while (b > a && (struck[b - 1] == ' ' || struck[b - 1] == '\t')) --b;
  line += struck.substr(0, a);
  if (b > a) line += "~~" + struck.substr(a, b - a) + "~~";
  line += struck.substr(b);
  struck.clear();
}

void LineBuilder::text(std::string_view t, bool strike) {
  if (strike) {
    struck += t;
  } else {
    flush_strike();
    line += t;
  }
  if (out.size() + line.size() + struck.size() > limit)
    fail(name, "text over the " + std::to_string(limit >> 20) + " MiB limit for one script");
}

void LineBuilder::end_line(bool keep_empty) {
  flush_strike();
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  if (!line.empty() || keep_empty) out += line + "\n";
  line.clear();
}

bool looks_like_zip(std::string_view b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' &&
         ((b[2] == '\x03' && b[3] == '\x04') || (b[2] == '\x05' && b[3] == '\x06') ||
          (b[2] == '\x07' && b[3] == '\x08'));
}

OfficeZip::OfficeZip(std::string_view bytes, const std::string& name, const char* kind) : name_(name), kind_(kind) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    std::string m = zip_error_strerror(&err);
    zip_error_fini(&err);
    fail(name, "cannot open as zip: " + m);
  }
  z_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z_) {
    zip_source_free(src);
    std::string m = zip_error_strerror(&err);
    zip_error_fini(&err);
    fail(name, std::string("not a valid ") + kind + " (corrupt zip archive: " + m + ")");
  }
  zip_error_fini(&err);
  zip_int64_t entries = zip_get_num_entries(z_, 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > ScriptLimits::kMaxDocxEntries) {
    zip_discard(z_);
    fail(name, "zip archive with " + std::to_string(entries) + " entries, over the limit of " +
                   std::to_string(ScriptLimits::kMaxDocxEntries) + " for a " + kind);
  }
}

OfficeZip::~OfficeZip() { zip_discard(z_); }

bool OfficeZip::has(const char* entry) const { return zip_name_locate(z_, entry, 0) >= 0; }

bool OfficeZip::read(const char* entry, std::string& out) const {
  const std::size_t limit = ScriptLimits::kMaxDocxUncompressed;
  zip_int64_t idx = zip_name_locate(z_, entry, 0);
  if (idx < 0) return false;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z_, static_cast<zip_uint64_t>(idx), 0, &st) != 0)
    fail(name_, std::string("corrupt ") + kind_ + " (cannot stat " + entry + ")");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit)
    fail(name_, std::string(entry) + " unpacks to more than " + std::to_string(limit >> 20) +
                    " MiB (zip bomb?); refused");
  zip_file_t* f = zip_fopen_index(z_, static_cast<zip_uint64_t>(idx), 0);
  if (!f)
    fail(name_, std::string("corrupt or encrypted ") + kind_ + " (cannot open " + entry + ": " + zip_strerror(z_) + ")");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, &zip_fclose);
  out.clear();
  std::array<char, 65536> buf{};
  for (;;) {
    zip_int64_t n = zip_fread(f, buf.data(), buf.size());
    if (n < 0)
      fail(name_, std::string("corrupt ") + kind_ + " (cannot unpack " + entry + ": " + zip_file_strerror(f) + ")");
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit)
      fail(name_, std::string(entry) + " unpacks to more than " + std::to_string(limit >> 20) +
                      " MiB (zip bomb?); refused");
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
  return true;
}

std::string docx_text(std::string_view bytes, const std::string& name) {
  const OfficeZip z(bytes, name, ".docx");
  std::string xml;
  if (!z.read("word/document.xml", xml))
    fail(name, "zip archive but not a Word .docx (no word/document.xml)");
  Numbering num;
  std::string numxml;
  if (z.read("word/numbering.xml", numxml))
    load_numbering(numxml, num);

  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!res) fail(name, std::string("corrupt .docx (word/document.xml: ") + res.description() + ")");
  pugi::xml_node root = doc.document_element();
  pugi::xml_node body = child(root, "body");
  if (!body) fail(name, "corrupt .docx (word/document.xml has no body)");

  LineBuilder lb{"", "", "", ScriptLimits::kMaxTextBytes, name};
  // Iterative pre-order walk with explicit exit events for paragraphs.
  struct Frame {
    pugi::xml_node node;
    bool exit;
  };
  std::vector<Frame> stack;
  for (pugi::xml_node c = body.last_child(); c; c = c.previous_sibling()) stack.push_back({c, false});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    pugi::xml_node n = f.node;
    if (n.type() != pugi::node_element) continue;
    std::string_view ln = local(n.name());
    if (f.exit) {  // end of a paragraph
      lb.end_line(false);
      continue;
    }
    if (ln == "p") {
      if (!lb.line.empty() || !lb.struck.empty()) lb.end_line(false);  // a paragraph inside a text box
      pugi::xml_node ppr = child(n, "pPr");
      if (pugi::xml_node np = child(ppr, "numPr")) {
        int ilvl = to_int(attr(child(np, "ilvl"), "val"), 0);
        int nid = to_int(attr(child(np, "numId"), "val"), 0);
        std::string label = list_label(num, nid, ilvl);
        if (!label.empty()) lb.text(label + " ", false);
      }
      stack.push_back({n, true});
    } else if (ln == "t") {
      pugi::xml_node r = n.parent();
      lb.text(n.text().get(), local(r.name()) == "r" && run_struck(r));
      continue;
    } else if (ln == "tab") {
      if (local(n.parent().name()) == "r") lb.text("\t", false);
      continue;
    } else if (ln == "br" || ln == "cr") {
      lb.end_line(false);
      continue;
    } else if (ln == "noBreakHyphen") {
      lb.text("-", false);
      continue;
    } else if (ln == "tr" && local(n.parent().name()) == "tbl") {
      // Cells in order, without a word-count or marks column.
      const std::vector<bool> skip = skipped_columns(n.parent());
      std::vector<pugi::xml_node> kids;
      std::size_t col = 0;
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const bool cell = local(c.name()) == "tc";
        if (!(cell && col < skip.size() && skip[col])) kids.push_back(c);
        if (cell) ++col;
      }
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, false});
      continue;
    } else if (ln == "del" || ln == "moveFrom" || ln == "pPr" || ln == "rPr" || ln == "sectPr" ||
               ln == "instrText" || ln == "delText") {
      continue;  // deleted text, properties, field codes
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling())
      if (c.type() == pugi::node_element) stack.push_back({c, false});
  }
  lb.end_line(false);
  return lb.out;
}

// ---- OpenDocument text (.odt, LibreOffice / OpenOffice Writer) ----

namespace {

/// How an OpenDocument list level numbers its items (text:list-level-style-*).
struct OdtLevel {
  std::string format;  // style:num-format: "1", "a", "A", "i", "I", "" (none); "bullet" for bullets
  std::string prefix, suffix, bullet;
  int start = 1;
};

/// Styles an .odt's text is read with: struck text styles and list numbering.
struct OdtStyles {
  std::map<std::string, bool> struck;                       // text style name -> line-through
  std::map<std::string, std::map<int, OdtLevel>> lists;     // list style name -> level -> numbering
  std::map<std::string, std::string> paragraph_list;        // paragraph style -> its list style
};

void load_odt_styles(const pugi::xml_node& root, OdtStyles& st) {
  std::vector<pugi::xml_node> todo{root};
  while (!todo.empty()) {
    pugi::xml_node n = todo.back();
    todo.pop_back();
    if (n.type() != pugi::node_element) continue;
    const std::string_view ln = local(n.name());
    if (ln == "style") {
      const std::string sname = attr(n, "name");
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (local(c.name()) != "text-properties") continue;
        const std::string lt = attr(c, "text-line-through-style");
        if (!lt.empty()) st.struck[sname] = lt != "none";
      }
      const std::string list = attr(n, "list-style-name");
      if (!list.empty()) st.paragraph_list[sname] = list;
      continue;
    }
    if (ln == "list-style") {
      const std::string lname = attr(n, "name");
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        const std::string_view cl = local(c.name());
        OdtLevel lv;
        if (cl == "list-level-style-number") {
          lv.format = attr(c, "num-format");
          lv.prefix = attr(c, "num-prefix");
          lv.suffix = attr(c, "num-suffix");
          lv.start = to_int(attr(c, "start-value"), 1);
        } else if (cl == "list-level-style-bullet") {
          lv.format = "bullet";
          lv.bullet = attr(c, "bullet-char");
        } else {
          continue;
        }
        st.lists[lname][to_int(attr(c, "level"), 1)] = lv;
      }
      continue;
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) todo.push_back(c);
  }
}

std::string odt_counter(int v, const OdtLevel& lv) {
  if (lv.format == "bullet") return "-";  // as the HTML reader writes list items
  if (lv.format.empty()) return "";
  std::string body;
  if (lv.format == "a" || lv.format == "A") {
    for (int k = v; k > 0; k = (k - 1) / 26) body.insert(body.begin(), static_cast<char>((lv.format == "A" ? 'A' : 'a') + (k - 1) % 26));
  } else if (lv.format == "i" || lv.format == "I") {
    body = roman(v, lv.format == "I");
  } else {
    body = std::to_string(v);
  }
  return lv.prefix + body + lv.suffix;
}

}  // namespace

bool looks_like_odt(std::string_view bytes) {
  // The first entry of an OpenDocument package is "mimetype", stored, so its
  // content is plain in the first bytes of the file.
  return looks_like_zip(bytes) &&
         bytes.substr(0, 256).find("mimetypeapplication/vnd.oasis.opendocument.") != std::string_view::npos;
}

std::string odt_text(std::string_view bytes, const std::string& name) {
  const OfficeZip z(bytes, name, ".odt");
  std::string xml;
  if (!z.read("content.xml", xml))
    fail(name, "zip archive but not an OpenDocument text (no content.xml)");
  OdtStyles styles;
  std::string stylexml;
  pugi::xml_document sdoc;
  if (z.read("styles.xml", stylexml) &&
      sdoc.load_buffer(stylexml.data(), stylexml.size()))
    load_odt_styles(sdoc.document_element(), styles);
  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!res) fail(name, std::string("corrupt .odt (content.xml: ") + res.description() + ")");
  pugi::xml_node root = doc.document_element();
  load_odt_styles(child(root, "automatic-styles"), styles);  // content's own styles win
  pugi::xml_node text = child(child(root, "body"), "text");
  if (!text) {
    if (child(root, "body"))
      fail(name, "an OpenDocument file that is not a text document (no Writer content); save it as .odt, .docx or PDF");
    fail(name, "corrupt .odt (content.xml has no body)");
  }

  LineBuilder lb{"", "", "", ScriptLimits::kMaxTextBytes, name};
  struct Frame {
    pugi::xml_node node;
    bool exit;
    bool struck;
  };
  // List numbering: the list style and counters of each open text:list.
  struct ListState {
    std::string style;
    std::map<int, int> counters;  // level -> last number given
  };
  std::map<std::string, ListState*> lists_by_id;  // xml:id -> state (text:continue-list)
  std::vector<ListState*> open_lists;
  std::vector<std::unique_ptr<ListState>> owned;
  std::string last_top_style;
  ListState* last_top = nullptr;
  auto struck_style = [&](const pugi::xml_node& n) {
    auto it = styles.struck.find(attr(n, "style-name"));
    return it != styles.struck.end() && it->second;
  };
  std::vector<Frame> stack;
  for (pugi::xml_node c = text.last_child(); c; c = c.previous_sibling()) stack.push_back({c, false, false});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    pugi::xml_node n = f.node;
    if (n.type() == pugi::node_pcdata) {
      // Text of a paragraph or span; white space collapses as ODF says.
      const std::string_view pl = local(n.parent().name());
      if (pl != "p" && pl != "h" && pl != "span" && pl != "a") continue;
      std::string t;
      for (const char* q = n.value(); *q; ++q) {
        const bool sp = *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r';
        if (!sp) t.push_back(*q);
        else if (t.empty() ? !(lb.line.empty() && lb.struck.empty()) : t.back() != ' ')
          t.push_back(' ');
      }
      lb.text(t, f.struck);
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    const std::string_view ln = local(n.name());
    if (f.exit) {
      if (ln == "list") {
        if (!open_lists.empty()) open_lists.pop_back();
      } else {
        lb.end_line(false);
      }
      continue;
    }
    bool struck = f.struck;
    if (ln == "p" || ln == "h") {
      if (!lb.line.empty() || !lb.struck.empty()) lb.end_line(false);
      // The first paragraph of a list item carries the item's number.
      pugi::xml_node item = n.parent();
      if (!open_lists.empty() && local(item.name()) == "list-item" && item.first_child() == n) {
        ListState& ls = *open_lists.back();
        const int level = static_cast<int>(open_lists.size());
        std::string style = ls.style;
        for (auto it = open_lists.rbegin(); style.empty() && it != open_lists.rend(); ++it) style = (*it)->style;
        if (style.empty()) {
          auto ps = styles.paragraph_list.find(attr(n, "style-name"));
          if (ps != styles.paragraph_list.end()) style = ps->second;
        }
        auto sl = styles.lists.find(style);
        if (sl != styles.lists.end()) {
          auto lv = sl->second.find(level);
          if (lv != sl->second.end()) {
            int& cnt = ls.counters[level];
            const int given = to_int(attr(item, "start-value"), 0);
            cnt = given > 0 ? given : (cnt == 0 ? lv->second.start : cnt + 1);
            const std::string label = odt_counter(cnt, lv->second);
            if (!label.empty()) lb.text(label + " ", false);
          }
        }
      }
      struck = struck || struck_style(n);
      stack.push_back({n, true, struck});
    } else if (ln == "list") {
      // A nested list continues its parent's numbering state per level; a new
      // top-level list restarts unless it continues an earlier one.
      ListState* ls = nullptr;
      const std::string cont = attr(n, "continue-list");
      const bool continues = attr(n, "continue-numbering") == "true";
      if (!open_lists.empty()) {
        ls = open_lists.back();
        if (!attr(n, "style-name").empty() && ls->style.empty()) ls->style = attr(n, "style-name");
      } else if (!cont.empty() && lists_by_id.count(cont)) {
        ls = lists_by_id[cont];
      } else if (continues && last_top) {
        ls = last_top;
      } else {
        owned.push_back(std::make_unique<ListState>());
        ls = owned.back().get();
        ls->style = attr(n, "style-name");
      }
      if (open_lists.empty()) last_top = ls;
      const std::string id = attr(n, "id");
      if (!id.empty() && open_lists.empty()) lists_by_id[id] = ls;
      open_lists.push_back(ls);
      stack.push_back({n, true, struck});
      // Deeper levels restart when their parent level moves on (handled by the
      // counters of levels below being reset at each new item of this level).
    } else if (ln == "list-item") {
      if (!open_lists.empty()) {
        const int level = static_cast<int>(open_lists.size());
        auto& cs = open_lists.back()->counters;
        for (auto it = cs.upper_bound(level); it != cs.end();) it = cs.erase(it);
      }
    } else if (ln == "span" || ln == "a") {
      struck = struck || struck_style(n);
    } else if (ln == "s") {
      const int count = std::max(1, std::min(to_int(attr(n, "c"), 1), 1000));
      lb.text(std::string(static_cast<std::size_t>(count), ' '), struck);
      continue;
    } else if (ln == "tab") {
      lb.text("\t", struck);
      continue;
    } else if (ln == "line-break") {
      lb.end_line(false);
      continue;
    } else if (ln == "tracked-changes" || ln == "note" || ln == "annotation" || ln == "annotation-end" ||
               ln == "sequence-decls" || ln == "variable-decls" || ln == "user-field-decls" ||
               ln == "table-of-content" || ln == "soft-page-break" || ln == "bookmark" || ln == "bookmark-start" ||
               ln == "bookmark-end") {
      continue;  // deleted text kept for change tracking, footnotes, comments, declarations
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling())
      if (c.type() == pugi::node_element || c.type() == pugi::node_pcdata) stack.push_back({c, false, struck});
  }
  lb.end_line(false);
  return lb.out;
}

std::string roman(int v, bool upper) {
  if (v <= 0 || v >= 4000) return std::to_string(v);
  static const std::pair<int, const char*> kTable[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                      {90, "xc"},   {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                      {5, "v"},     {4, "iv"},   {1, "i"}};
  std::string out;
  for (auto& [n, s] : kTable)
    while (v >= n) {
      out += s;
      v -= n;
    }
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace automark::intake
