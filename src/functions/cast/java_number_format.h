// Floating-point text as Java's Double.toString / Float.toString lay it out (which Spark's cast to
// string and show() use), from the shortest digits that round-trip: plain notation for
// 1e-3 <= |x| < 1e7 ("1.0", "0.001", "1234567.0"), otherwise "d.dddE[-]n" ("1.0E7", "1.0E-4");
// "NaN", "Infinity", "-Infinity", "-0.0".
#pragma once

#include <string>

namespace ember {

void AppendJavaDouble(double value, std::string* out);
void AppendJavaFloat(float value, std::string* out);

}  // namespace ember
