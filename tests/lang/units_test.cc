#include <catch2/catch.hpp>

#include "automark/pattern.h"

using automark::find_unit;
using automark::parse_quantity;
using automark::Quantity;
using automark::Unit;

namespace {
Quantity q(const std::string& s, const std::map<std::string, Unit>& extra = {}) {
  std::string err;
  auto r = parse_quantity(s, &err, extra);
  INFO(s << " -> " << err);
  REQUIRE(r.has_value());
  return *r;
}
std::string bad(const std::string& s) {
  std::string err;
  INFO(s);
  REQUIRE_FALSE(parse_quantity(s, &err).has_value());
  return err;
}
}  // namespace

TEST_CASE("units: spellings of the built-in table") {
  for (const char* s : {"ms", "msec", "millisecond", "milliseconds", "MS", " ms "}) {
    auto u = find_unit(s);
    INFO(s);
    REQUIRE(u.has_value());
    CHECK(u->name == "ms");
    CHECK(u->dimension == "time");
    CHECK(u->factor == Approx(1e-3));
  }
  CHECK(find_unit("seconds")->factor == 1.0);
  CHECK(find_unit("µs")->name == "us");
  CHECK(find_unit("microseconds")->factor == Approx(1e-6));
  CHECK(find_unit("hours")->factor == 3600.0);
  CHECK(find_unit("min")->factor == 60.0);
  CHECK(find_unit("kHz")->factor == 1000.0);
  CHECK(find_unit("kilohertz")->dimension == "frequency");
  CHECK(find_unit("MHz")->factor == 1e6);
  CHECK(find_unit("samples")->dimension == "samples");
  CHECK(find_unit("smp")->name == "samples");
  CHECK(find_unit("params")->dimension == "count");
  CHECK(find_unit("weights")->dimension == "count");
  CHECK(find_unit("%")->factor == 0.01);
  CHECK(find_unit("per cent")->name == "%");
  CHECK(find_unit("percent")->dimension == "ratio");
  CHECK(find_unit("dB")->name == "dB");
  CHECK(find_unit("MB")->factor == 1e6);
  CHECK(find_unit("bits")->factor == 0.125);
  CHECK(find_unit("epochs")->dimension == "epochs");
  CHECK_FALSE(find_unit("furlongs").has_value());
  CHECK_FALSE(find_unit("").has_value());
}

TEST_CASE("units: the lexicon's units override the table") {
  std::map<std::string, Unit> extra{{"samples", {"samples", "time", 1.0 / 16000}},
                                    {"frames", {"", "frames", 1.0}}};
  auto u = find_unit("samples", extra);
  REQUIRE(u.has_value());
  CHECK(u->dimension == "time");
  CHECK(find_unit("Samples", extra)->dimension == "time");
  CHECK(find_unit("frames", extra)->name == "frames");
  CHECK(find_unit("ms", extra)->name == "ms");
  CHECK_FALSE(find_unit("frames").has_value());
}

TEST_CASE("quantity: values and units") {
  CHECK(q("64 ms").value == 64);
  CHECK(q("64 ms").unit == "ms");
  CHECK(q("64ms").unit == "ms");
  CHECK(q("0.064 s").value == Approx(0.064));
  CHECK(q("0.064 s").unit == "s");
  CHECK(q("1024 samples").value == 1024);
  CHECK(q("1,024").value == 1024);
  CHECK(q("1,024").unit.empty());
  CHECK(q("1,234,567 params").value == 1234567);
  CHECK(q("6.4e1 ms").value == Approx(64));
  CHECK(q("6.4 × 10^1 ms").value == Approx(64));
  CHECK(q("6.4 x 10^1 ms").unit == "ms");
  CHECK(q("6.4*10^-1").value == Approx(0.64));
  CHECK(q("1/64").value == Approx(1.0 / 64));
  CHECK(q("0.5").value == 0.5);
  CHECK(q("-3 dB").value == -3);
  CHECK(q("−3 dB").value == -3);
  CHECK(q("50%").unit == "%");
  CHECK(q("50 per cent").value == 50);
  CHECK(q("2^10 samples").value == 1024);
  CHECK(q("16 kHz").unit == "kHz");
}

TEST_CASE("quantity: errors") {
  CHECK(bad("") == "empty quantity");
  CHECK(bad("ms") == "expected a number in 'ms'");
  CHECK(bad("1,5") == "bad thousands separator in '1,5' (groups of 3 digits)");
  CHECK(bad("1024,000") == "bad thousands separator in '1024,000' (groups of 3 digits)");
  CHECK(bad("12 furlongs") == "unknown unit 'furlongs' in '12 furlongs'");
  CHECK(bad("1/0") == "division by zero in '1/0'");
  CHECK(bad("1/x") == "expected a denominator in '1/x'");
  CHECK(bad("1e999") == "number out of range in '1e999'");
  CHECK(bad("10 x 10") == "unknown unit 'x 10' in '10 x 10'");
  CHECK(bad(std::string(1001, '1')) == "quantity longer than 1000 characters");
}
