// Small pugixml helpers for the office-document readers (docx.cc, sheet.cc):
// names are matched without their namespace prefix, as writers choose their
// own prefixes ("w:t", "x:row", "table:table-cell"). Not a public header.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "automark/script.h"

namespace automark::intake::xml {

/// An unreadable office document: "NAME: WHAT", exit status 2.
[[noreturn]] inline void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what, kExitUnreadable);
}

/// An element or attribute name without its prefix ("w:t" -> "t").
inline std::string_view local(const char* qname) {
  std::string_view s(qname);
  auto c = s.find(':');
  return c == std::string_view::npos ? s : s.substr(c + 1);
}

/// The first child element with this local name (a null node when none).
inline pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  return {};
}

/// The value of the attribute with this local name ("" when none).
inline std::string attr(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
    if (local(a.name()) == name) return a.value();
  return "";
}

}  // namespace automark::intake::xml
