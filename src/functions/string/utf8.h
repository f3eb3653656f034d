// UTF-8 helpers for string kernels: Spark counts lengths and positions in characters (code points).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ember::utf8 {

inline bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

inline int64_t Length(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

// Byte offset of character `chars` in s (s.size() when past the end).
inline size_t ByteOffset(std::string_view s, int64_t chars) {
  size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && IsContinuation(s[i])) ++i;
    --chars;
  }
  return i;
}

// Bytes of the character starting at `at`.
inline size_t CharBytes(std::string_view s, size_t at) {
  size_t n = 1;
  while (at + n < s.size() && IsContinuation(s[at + n])) ++n;
  return n;
}

// Characters [start, start + count) of s (clamped), both in characters.
inline std::string_view Substr(std::string_view s, int64_t start, int64_t count) {
  size_t from = ByteOffset(s, start);
  size_t to = from + ByteOffset(s.substr(from), count);
  return s.substr(from, to - from);
}

// The code point of the character at `at` (advancing `at`); malformed bytes decode as themselves.
inline uint32_t Decode(std::string_view s, size_t& at) {
  uint8_t c = static_cast<uint8_t>(s[at++]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 0; k < extra && at < s.size() && IsContinuation(s[at]); ++k) cp = (cp << 6) | (s[at++] & 0x3F);
  return cp;
}

inline void Append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace ember::utf8
