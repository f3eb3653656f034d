// Base64 with the standard alphabet ("A-Za-z0-9+/", '=' padding): one encoder and the pieces each
// decoder shares; decoders differ in what they tolerate (unbase64 skips foreign characters, to_binary
// skips whitespace and checks padding, JSON rejects anything else) and keep those rules themselves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ember {

// Appends `bytes` as base64 text with padding and no line breaks.
void AppendBase64(std::string& out, std::string_view bytes);

// The 6-bit value of a base64 digit; -1 for any other character ('=' included).
int Base64Digit(char c);

// Turns a stream of 6-bit digits into bytes.
struct Base64Bits {
  uint32_t bits = 0;
  int count = 0;  // bits received but not yet written out
  void Push(int digit, std::string& out) {
    bits = bits << 6 | static_cast<uint32_t>(digit);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
};

}  // namespace ember
