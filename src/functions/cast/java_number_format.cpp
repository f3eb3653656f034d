#include "functions/cast/java_number_format.h"

#include <cmath>

#include "double-conversion/double-to-string.h"

namespace ember {
namespace {

using double_conversion::DoubleToStringConverter;

// Lays out shortest digits d1..dn with value 0.d1..dn * 10^point as Java does.
void Layout(bool negative, const char* digits, int n, int point, std::string* out) {
  if (negative) out->push_back('-');
  if (point > -3 && point <= 7) {
    if (point <= 0) {
      out->append("0.");
      out->append(-point, '0');
      out->append(digits, n);
    } else if (point >= n) {
      out->append(digits, n);
      out->append(point - n, '0');
      out->append(".0");
    } else {
      out->append(digits, point);
      out->push_back('.');
      out->append(digits + point, n - point);
    }
    return;
  }
  out->push_back(digits[0]);
  out->push_back('.');
  if (n > 1) {
    out->append(digits + 1, n - 1);
  } else {
    out->push_back('0');
  }
  out->push_back('E');
  out->append(std::to_string(point - 1));
}

template <typename T>
void AppendJava(T value, DoubleToStringConverter::DtoaMode mode, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-Infinity" : "Infinity");
    return;
  }
  if (value == 0) {
    out->append(std::signbit(value) ? "-0.0" : "0.0");
    return;
  }
  char digits[32];
  bool sign = false;
  int length = 0, point = 0;
  DoubleToStringConverter::DoubleToAscii(static_cast<double>(value), mode, 0, digits, sizeof(digits),
                                         &sign, &length, &point);
  if (length == 1) {
    // Java always shows two significant digits ("d.d"), and picks the closest such decimal: for
    // the smallest subnormal that is 4.9E-324, not 5.0E-324.
    DoubleToStringConverter::DoubleToAscii(static_cast<double>(value), DoubleToStringConverter::PRECISION, 2,
                                           digits, sizeof(digits), &sign, &length, &point);
    while (length > 1 && digits[length - 1] == '0') --length;
  }
  Layout(sign, digits, length, point, out);
}

}  // namespace

void AppendJavaDouble(double value, std::string* out) {
  AppendJava(value, DoubleToStringConverter::SHORTEST, out);
}

void AppendJavaFloat(float value, std::string* out) {
  AppendJava(value, DoubleToStringConverter::SHORTEST_SINGLE, out);
}

}  // namespace ember
