#include "runtime/show.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "functions/registry.h"

namespace ember {
namespace {

constexpr int kMinimumColumnWidth = 3;

// One cell: its UTF-8 text, its length in UTF-16 units (Java's String.length, which Spark uses
// for truncation and padding) and its display width (East Asian wide characters count twice).
struct Cell {
  std::string text;
  int length = 0;
  int width = 0;
};

// Decodes one UTF-8 code point starting at text[i] and advances i. A byte that does not start a
// complete sequence counts as one character.
uint32_t NextCodePoint(std::string_view text, size_t& i) {
  unsigned char c = text[i];
  int extra = c < 0x80            ? 0
              : (c & 0xE0) == 0xC0 ? 1
              : (c & 0xF0) == 0xE0 ? 2
              : (c & 0xF8) == 0xF0 ? 3
                                   : -1;
  if (extra <= 0 || i + extra >= text.size()) {
    ++i;
    return c;
  }
  uint32_t code = c & (0x7F >> (extra + 1));
  for (int k = 1; k <= extra; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += extra + 1;
  return code;
}

// The full-width ranges Spark's Utils.stringHalfWidth counts as two half widths.
bool IsFullWidth(uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

int Utf16Units(uint32_t c) { return c >= 0x10000 ? 2 : 1; }

// Escapes the control characters that would break the table, as Spark's escapeMetaCharacters.
std::string EscapeMetaCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\f': out += "\\f"; break;
      case '\b': out += "\\b"; break;
      case '\v': out += "\\v"; break;
      case '\a': out += "\\a"; break;
      default: out += c;
    }
  }
  return out;
}

void Measure(Cell& cell) {
  cell.length = 0;
  cell.width = 0;
  for (size_t i = 0; i < cell.text.size();) {
    uint32_t c = NextCodePoint(cell.text, i);
    cell.length += Utf16Units(c);
    cell.width += Utf16Units(c) + (IsFullWidth(c) ? 1 : 0);
  }
}

// The first `units` UTF-16 units of `text` (never splitting a code point).
std::string Prefix(std::string_view text, int units) {
  size_t i = 0;
  int taken = 0;
  while (i < text.size()) {
    size_t start = i;
    uint32_t c = NextCodePoint(text, i);
    if (taken + Utf16Units(c) > units) {
      i = start;
      break;
    }
    taken += Utf16Units(c);
  }
  return std::string(text.substr(0, i));
}

Cell MakeCell(std::string_view raw, int truncate) {
  Cell cell;
  cell.text = EscapeMetaCharacters(raw);
  Measure(cell);
  if (truncate > 0 && cell.length > truncate) {
    cell.text = truncate < 4 ? Prefix(cell.text, truncate) : Prefix(cell.text, truncate - 3) + "...";
    Measure(cell);
  }
  return cell;
}

void Pad(std::string& out, int count) {
  if (count > 0) out.append(count, ' ');
}

void AppendPadded(std::string& out, const Cell& cell, int width, bool left_pad) {
  int padding = width - cell.width;
  if (left_pad) Pad(out, padding);
  out += cell.text;
  if (!left_pad) Pad(out, padding);
}

void AppendDashes(std::string& out, int count) { out.append(std::max(count, 0), '-'); }

}  // namespace

std::string FormatShowString(const QueryResult& result, int num_rows, int truncate, bool vertical,
                             EvalContext& ctx) {
  num_rows = std::max(num_rows, 0);
  size_t num_cols = result.schema.size();

  std::vector<Cell> header;
  for (const StructField& field : result.schema) header.push_back(MakeCell(field.name, 0));

  // Render up to num_rows + 1 data rows (the extra one only tells that rows were left out).
  std::vector<std::vector<Cell>> rows;
  int64_t available = 0;
  for (const Batch& batch : result.batches) {
    available += batch.num_rows;
    int64_t take = std::min<int64_t>(batch.num_rows, static_cast<int64_t>(num_rows) - rows.size());
    if (take <= 0) continue;
    std::vector<VectorPtr> pretty;
    for (size_t c = 0; c < num_cols; ++c) pretty.push_back(ToPrettyString(batch.columns[c], ctx));
    for (int64_t r = 0; r < take; ++r) {
      std::vector<Cell> row;
      row.reserve(num_cols);
      for (size_t c = 0; c < num_cols; ++c) row.push_back(MakeCell(pretty[c]->GetString(r), truncate));
      rows.push_back(std::move(row));
    }
  }
  bool has_more = available > num_rows;

  std::string out;
  if (!vertical) {
    std::vector<int> widths(num_cols, kMinimumColumnWidth);
    for (size_t c = 0; c < num_cols; ++c) widths[c] = std::max(widths[c], header[c].width);
    for (const auto& row : rows) {
      for (size_t c = 0; c < num_cols; ++c) widths[c] = std::max(widths[c], row[c].width);
    }
    std::string separator = "+";
    for (int w : widths) {
      AppendDashes(separator, w);
      separator += '+';
    }
    separator += '\n';
    bool left_pad = truncate > 0;
    auto append_row = [&](const std::vector<Cell>& row) {
      out += '|';
      for (size_t c = 0; c < num_cols; ++c) {
        AppendPadded(out, row[c], widths[c], left_pad);
        out += '|';
      }
      out += '\n';
    };
    out += separator;
    append_row(header);
    out += separator;
    for (const auto& row : rows) append_row(row);
    out += separator;
  } else {
    int name_width = kMinimumColumnWidth;
    for (const Cell& name : header) name_width = std::max(name_width, name.width);
    int data_width = kMinimumColumnWidth;
    for (const auto& row : rows) {
      for (const Cell& cell : row) data_width = std::max(data_width, cell.width);
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string record = "-RECORD " + std::to_string(i);
      int fill = name_width + data_width + 5 - static_cast<int>(record.size());
      out += record;
      AppendDashes(out, fill);
      out += '\n';
      for (size_t c = 0; c < num_cols; ++c) {
        out += ' ';
        AppendPadded(out, header[c], name_width, false);
        out += " | ";
        AppendPadded(out, rows[i][c], data_width, false);
        out += " \n";
      }
    }
  }

  if (vertical && rows.empty()) {
    out += "(0 rows)\n";
  } else if (has_more) {
    out += "only showing top " + std::to_string(num_rows) + (num_rows == 1 ? " row\n" : " rows\n");
  }
  return out;
}

}  // namespace ember
