// A validator for the subset of JSON Schema that docs/report.schema.json uses:
// type (a name or a list of names), required, properties, additionalProperties
// (false), items, enum, minimum, and local "$ref": "#/$defs/NAME". Anything
// else in a schema is an error, so the schema cannot silently use a keyword
// this validator ignores.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace automark::test {

class MiniSchema {
 public:
  explicit MiniSchema(nlohmann::json root) : root_(std::move(root)) {}

  /// Every violation, as "PATH: message"; empty when the document is valid.
  std::vector<std::string> validate(const nlohmann::json& doc) const {
    std::vector<std::string> errs;
    check(root_, doc, "$", errs);
    return errs;
  }

 private:
  static bool has_type(const nlohmann::json& v, const std::string& t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    if (t == "integer") return v.is_number_integer() || v.is_number_unsigned();
    if (t == "number") return v.is_number();
    return false;
  }

  void check(const nlohmann::json& s, const nlohmann::json& v, const std::string& path,
             std::vector<std::string>& errs) const {
    static const std::vector<std::string> known = {
        "$schema", "$id", "title", "description", "type", "required", "properties",
        "additionalProperties", "items", "enum", "minimum", "$ref", "$defs"};
    for (auto it = s.begin(); it != s.end(); ++it)
      if (std::find(known.begin(), known.end(), it.key()) == known.end())
        errs.push_back(path + ": schema keyword not supported by the test validator: " + it.key());
    if (s.contains("$ref")) {
      std::string ref = s["$ref"];
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
        errs.push_back(path + ": unresolvable $ref " + ref);
        return;
      }
      check(root_["$defs"][ref.substr(prefix.size())], v, path, errs);
      return;
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_array()) {
        for (const auto& t : s["type"]) ok = ok || has_type(v, t.get<std::string>());
      } else {
        ok = has_type(v, s["type"].get<std::string>());
      }
      if (!ok) {
        errs.push_back(path + ": expected type " + s["type"].dump() + ", got " + v.type_name());
        return;
      }
    }
    if (s.contains("enum")) {
      bool ok = false;
      for (const auto& e : s["enum"]) ok = ok || e == v;
      if (!ok) errs.push_back(path + ": " + v.dump() + " not in " + s["enum"].dump());
    }
    if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"].get<double>())
      errs.push_back(path + ": " + v.dump() + " below minimum " + s["minimum"].dump());
    if (v.is_object()) {
      if (s.contains("required"))
        for (const auto& k : s["required"])
          if (!v.contains(k.get<std::string>()))
            errs.push_back(path + ": missing required key " + k.get<std::string>());
      const nlohmann::json props = s.value("properties", nlohmann::json::object());
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (props.contains(it.key())) {
          check(props[it.key()], it.value(), path + "." + it.key(), errs);
        } else if (s.contains("additionalProperties") && s["additionalProperties"] == false) {
          errs.push_back(path + ": unexpected key " + it.key());
        }
      }
    }
    if (v.is_array() && s.contains("items"))
      for (std::size_t i = 0; i < v.size(); ++i)
        check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errs);
  }

  nlohmann::json root_;
};

}  // namespace automark::test
