#include <cctype>

#include "absl/strings/ascii.h"
#include "common/error.h"
#include "sql/parser.h"
#include "sql/statement.h"
#include "sql/token_cursor.h"

namespace ember::sql {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n;");
  return end < begin ? "" : text.substr(begin, end - begin + 1);
}

class StatementParser : public TokenCursor {
 public:
  explicit StatementParser(const std::string& text) : TokenCursor(text) {}

  Statement Parse() {
    static const char* kStatementWords[] = {"CREATE", "DROP",  "USE",    "SET",      "RESET",  "SHOW",
                                            "DESCRIBE", "DESC", "ALTER", "INSERT", "TRUNCATE", "REFRESH",
                                            "MSCK", "ANALYZE"};
    bool statement_word = false;
    for (const char* word : kStatementWords) statement_word |= IsWord(word);
    if (!statement_word) return QueryStatement{ParseQuery(text_)};
    Statement statement = Dispatch();
    Accept(";");
    ExpectEnd();
    return statement;
  }

 private:
  Statement Dispatch() {
    if (AcceptWord("CREATE")) return Create();
    if (AcceptWord("DROP")) return Drop();
    if (AcceptWord("USE")) {
      (void)(AcceptWord("DATABASE") || AcceptWord("SCHEMA") || AcceptWord("NAMESPACE"));
      return UseStatement{Identifier()};
    }
    if (IsWord("SET")) return Set();
    if (IsWord("RESET")) return Reset();
    if (AcceptWord("SHOW")) return Show();
    if (AcceptWord("DESCRIBE") || AcceptWord("DESC")) return Describe();
    if (AcceptWord("ALTER")) return Alter();
    if (AcceptWord("INSERT")) return Insert();
    if (AcceptWord("TRUNCATE")) {
      ExpectWord("TABLE");
      return TruncateTable{Name()};
    }
    if (AcceptWord("REFRESH")) {
      AcceptWord("TABLE");
      return RefreshTable{Name()};
    }
    if (AcceptWord("ANALYZE")) {
      ExpectWord("TABLE");
      AnalyzeTable statement{Name()};
      ExpectWord("COMPUTE");
      ExpectWord("STATISTICS");
      statement.noscan = AcceptWord("NOSCAN");
      if (!statement.noscan && AcceptWord("FOR")) {
        statement.all_columns = AcceptWord("ALL");
        ExpectWord("COLUMNS");
        if (!statement.all_columns) {
          do {
            statement.columns.push_back(Identifier());
          } while (Accept(","));
        }
      }
      return statement;
    }
    if (AcceptWord("MSCK")) {
      ExpectWord("REPAIR");
      ExpectWord("TABLE");
      RepairTable statement{Name(), "MSCK REPAIR TABLE"};
      if (AcceptWord("ADD") || AcceptWord("DROP") || AcceptWord("SYNC")) ExpectWord("PARTITIONS");
      return statement;
    }
    Fail();
  }

  // ---- pieces ----
  std::string Identifier() {
    const Token& token = Peek();
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuotedName) Fail();
    ++pos_;
    return token.text;
  }

  ObjectName Name() {
    ObjectName parts = {Identifier()};
    while (Accept(".")) parts.push_back(Identifier());
    if (parts.size() > 3) Fail();
    return parts;
  }

  std::string StringLiteral() {
    if (Peek().kind != TokenKind::kString) Fail();
    return tokens_[pos_++].text;
  }

  bool AcceptIfExists() {
    if (!IsWord("IF")) return false;
    ++pos_;
    ExpectWord("EXISTS");
    return true;
  }

  bool AcceptIfNotExists() {
    if (!IsWord("IF")) return false;
    ++pos_;
    ExpectWord("NOT");
    ExpectWord("EXISTS");
    return true;
  }

  // A property key: a string or a dotted name.
  std::string PropertyKey() {
    if (Peek().kind == TokenKind::kString) return tokens_[pos_++].text;
    std::string key = Identifier();
    while (Accept(".")) key += "." + Identifier();
    return key;
  }

  // A property value: a string, number or boolean literal, as text.
  std::string PropertyValue() {
    bool negative = Accept("-");
    if (Peek().kind == TokenKind::kString || Peek().kind == TokenKind::kNumber) {
      return (negative ? "-" : "") + tokens_[pos_++].text;
    }
    if (!negative && (IsWord("TRUE") || IsWord("FALSE"))) return absl::AsciiStrToLower(tokens_[pos_++].text);
    Fail();
  }

  // ('k' = 'v', ...) with optional '='.
  Properties PropertyList() {
    Properties properties;
    Expect("(");
    do {
      std::string key = PropertyKey();
      Accept("=");
      properties[key] = PropertyValue();
    } while (Accept(","));
    Expect(")");
    return properties;
  }

  // PARTITION (col = value, col, ...), the word PARTITION already read.
  PartitionSpec PartitionSpecList() {
    PartitionSpec spec;
    Expect("(");
    do {
      std::string column = Identifier();
      std::optional<std::string> value;
      if (Accept("=")) {
        bool number = Peek().kind == TokenKind::kNumber || (IsSymbol("-") && Peek(1).kind == TokenKind::kNumber);
        value = PropertyValue();
        if (number) value = NormalNumber(*value);
      }
      spec.emplace_back(std::move(column), std::move(value));
    } while (Accept(","));
    Expect(")");
    return spec;
  }

  // An integer literal as Spark prints its value (08 -> 8); other numbers as written.
  static std::string NormalNumber(const std::string& text) {
    size_t digits = text[0] == '-' ? 1 : 0;
    if (text.find_first_not_of("0123456789", digits) != std::string::npos || text.size() - digits > 18) return text;
    return std::to_string(std::stoll(text));
  }

  std::vector<std::string> IdentifierList() {
    std::vector<std::string> names;
    Expect("(");
    do {
      names.push_back(Identifier());
    } while (Accept(","));
    Expect(")");
    return names;
  }

  // name type [NOT NULL] [COMMENT 'text'], ... (without the parentheses); with `types_optional`
  // a bare name is a column without a type (null type).
  Schema ColumnList(bool types_optional = false) {
    Schema columns;
    do {
      StructField field;
      field.name = Identifier();
      bool bare = types_optional && (IsSymbol(",") || IsSymbol(")") || IsWord("COMMENT"));
      field.type = bare ? nullptr : ParseTypeAt(*this);
      field.nullable = true;
      if (AcceptWord("NOT")) {
        ExpectWord("NULL");
        field.nullable = false;
      }
      if (AcceptWord("COMMENT")) StringLiteral();
      columns.push_back(std::move(field));
    } while (Accept(","));
    return columns;
  }

  // Byte offset in the text where token `index` starts.
  size_t OffsetOf(size_t index) const {
    const Token& token = tokens_[index];
    size_t offset = 0;
    for (int line = 1; line < token.line; ++line) offset = text_.find('\n', offset) + 1;
    return offset + token.column;
  }

  // ---- CREATE ----
  Statement Create() {
    bool or_replace = false;
    if (AcceptWord("OR")) {
      ExpectWord("REPLACE");
      or_replace = true;
    }
    if (AcceptWord("DATABASE") || AcceptWord("SCHEMA") || AcceptWord("NAMESPACE")) {
      if (or_replace) Fail();
      return CreateDatabaseStatement();
    }
    ViewKind view_kind = ViewKind::kPersistent;
    if (AcceptWord("GLOBAL")) {
      if (!AcceptWord("TEMPORARY")) ExpectWord("TEMP");
      view_kind = ViewKind::kGlobalTemporary;
    } else if (AcceptWord("TEMPORARY") || AcceptWord("TEMP")) {
      view_kind = ViewKind::kTemporary;
    }
    if (AcceptWord("VIEW")) return CreateViewStatement(view_kind, or_replace);
    if (view_kind != ViewKind::kPersistent) Fail();
    AcceptWord("EXTERNAL");
    ExpectWord("TABLE");
    return CreateTableStatement(or_replace);
  }

  CreateDatabase CreateDatabaseStatement() {
    CreateDatabase statement;
    statement.if_not_exists = AcceptIfNotExists();
    statement.name = Identifier();
    while (true) {
      if (AcceptWord("COMMENT")) {
        statement.comment = StringLiteral();
      } else if (AcceptWord("LOCATION")) {
        statement.location = StringLiteral();
      } else if (AcceptWord("WITH")) {
        if (!AcceptWord("DBPROPERTIES")) ExpectWord("PROPERTIES");
        statement.properties = PropertyList();
      } else {
        return statement;
      }
    }
  }

  CreateView CreateViewStatement(ViewKind kind, bool or_replace) {
    CreateView statement;
    statement.kind = kind;
    statement.or_replace = or_replace;
    statement.if_not_exists = AcceptIfNotExists();
    if (or_replace && statement.if_not_exists) Fail();
    statement.name = Name();
    Schema columns;
    if (Accept("(")) {
      columns = ColumnList(/*types_optional=*/true);
      Expect(")");
      for (const auto& column : columns) statement.column_names.push_back(column.name);
    }
    while (true) {
      if (AcceptWord("COMMENT")) {
        StringLiteral();
      } else if (AcceptWord("TBLPROPERTIES")) {
        PropertyList();
      } else {
        break;
      }
    }
    if (kind != ViewKind::kPersistent && IsWord("USING")) {
      statement.query = FileRead(columns);
      statement.column_names.clear();
      return statement;
    }
    ExpectWord("AS");
    ViewQuery(statement);
    return statement;
  }

  // The query after AS, parsed and as written.
  void ViewQuery(CreateView& statement) {
    size_t start = OffsetOf(pos_);
    statement.query = ParseQueryAt(*this);
    statement.query_text = Trim(text_.substr(start, OffsetOf(pos_) - start));
  }

  CreateTable CreateTableStatement(bool or_replace) {
    CreateTable statement;
    statement.or_replace = or_replace;
    statement.if_not_exists = AcceptIfNotExists();
    statement.name = Name();
    if (AcceptWord("LIKE")) {
      statement.like = Name();
      TableClauses(statement);
      return statement;
    }
    if (Accept("(")) {
      statement.columns = ColumnList();
      Expect(")");
    }
    TableClauses(statement);
    if (AcceptWord("AS") || IsWord("SELECT") || IsWord("WITH") || IsWord("VALUES") || IsSymbol("(")) {
      statement.query = ParseQueryAt(*this);
    }
    return statement;
  }

  void TableClauses(CreateTable& statement) {
    while (true) {
      if (AcceptWord("USING")) {
        statement.provider = absl::AsciiStrToLower(Identifier());
        while (Accept(".")) statement.provider = absl::AsciiStrToLower(Identifier());
      } else if (AcceptWord("OPTIONS")) {
        for (const auto& [key, value] : PropertyList()) statement.options[absl::AsciiStrToLower(key)] = value;
      } else if (IsWord("PARTITIONED") && IsWord("BY", 1)) {
        pos_ += 2;
        statement.partition_columns = IdentifierList();
      } else if (AcceptWord("LOCATION")) {
        statement.location = StringLiteral();
      } else if (AcceptWord("COMMENT")) {
        statement.comment = StringLiteral();
      } else if (AcceptWord("TBLPROPERTIES")) {
        statement.properties = PropertyList();
      } else {
        return;
      }
    }
  }

  // USING provider OPTIONS (...): a read of the `path` option's files, with `columns` as the
  // schema when they have types.
  PlanPtr FileRead(const Schema& columns) {
    ExpectWord("USING");
    ReadNode read;
    read.format = absl::AsciiStrToLower(Identifier());
    if (AcceptWord("OPTIONS")) {
      for (const auto& [key, value] : PropertyList()) read.options[absl::AsciiStrToLower(key)] = value;
    }
    auto path = read.options.find("path");
    if (path == read.options.end()) Fail();
    read.paths = {path->second};
    read.options.erase(path);
    if (!columns.empty() && columns[0].type) read.user_schema = columns;
    return MakePlan(std::move(read), {});
  }

  // ---- DROP ----
  Statement Drop() {
    if (AcceptWord("DATABASE") || AcceptWord("SCHEMA") || AcceptWord("NAMESPACE")) {
      DropDatabase statement;
      statement.if_exists = AcceptIfExists();
      statement.name = Identifier();
      if (AcceptWord("CASCADE")) {
        statement.cascade = true;
      } else {
        AcceptWord("RESTRICT");
      }
      return statement;
    }
    DropTable statement;
    if (AcceptWord("VIEW")) {
      statement.is_view = true;
    } else {
      ExpectWord("TABLE");
    }
    statement.if_exists = AcceptIfExists();
    statement.name = Name();
    AcceptWord("PURGE");
    return statement;
  }

  // ---- SET / RESET: the rest of the text is the key (and value after '=') ----
  std::string RestOfText() {
    ++pos_;
    std::string rest = AtEnd() ? "" : Trim(text_.substr(OffsetOf(pos_)));
    pos_ = tokens_.size() - 1;
    return rest;
  }

  Statement Set() {
    std::string rest = RestOfText();
    SetStatement statement;
    if (rest.empty() || rest == "-v") return statement;
    size_t eq = rest.find('=');
    statement.key = Trim(rest.substr(0, eq));
    if (eq != std::string::npos) statement.value = Trim(rest.substr(eq + 1));
    return statement;
  }

  Statement Reset() {
    std::string rest = RestOfText();
    ResetStatement statement;
    if (!rest.empty()) statement.key = rest;
    return statement;
  }

  // ---- SHOW ----
  std::optional<std::string> LikePattern() {
    bool like = AcceptWord("LIKE");
    if (Peek().kind == TokenKind::kString) return StringLiteral();
    if (like) Fail();
    return std::nullopt;
  }

  Statement Show() {
    if (AcceptWord("DATABASES") || AcceptWord("SCHEMAS") || AcceptWord("NAMESPACES")) {
      return ShowDatabases{LikePattern()};
    }
    if (AcceptWord("TABLES") || IsWord("VIEWS")) {
      ShowTables statement;
      statement.views = AcceptWord("VIEWS");
      if (AcceptWord("FROM") || AcceptWord("IN")) statement.database = Identifier();
      statement.pattern = LikePattern();
      return statement;
    }
    if (AcceptWord("COLUMNS")) {
      if (!AcceptWord("FROM")) ExpectWord("IN");
      ShowColumns statement{Name()};
      if (AcceptWord("FROM") || AcceptWord("IN")) {
        std::string database = Identifier();
        if (statement.table.size() == 1) statement.table.insert(statement.table.begin(), database);
      }
      return statement;
    }
    if (AcceptWord("TBLPROPERTIES")) return ShowTableProperties{Name()};
    if (AcceptWord("PARTITIONS")) {
      ShowPartitions statement{Name(), {}};
      if (AcceptWord("PARTITION")) statement.partition = PartitionSpecList();
      return statement;
    }
    if (IsWord("CREATE") && IsWord("TABLE", 1)) {
      pos_ += 2;
      return ShowCreateTable{Name()};
    }
    (void)(AcceptWord("USER") || AcceptWord("SYSTEM") || AcceptWord("ALL"));
    if (AcceptWord("FUNCTIONS")) return ShowFunctions{LikePattern()};
    Fail();
  }

  // ---- DESCRIBE ----
  Statement Describe() {
    if (AcceptWord("DATABASE") || AcceptWord("SCHEMA") || AcceptWord("NAMESPACE")) {
      DescribeDatabase statement;
      statement.extended = AcceptWord("EXTENDED");
      statement.name = Identifier();
      return statement;
    }
    if (AcceptWord("QUERY") || IsWord("SELECT") || IsWord("WITH") || IsWord("VALUES")) {
      return DescribeQuery{ParseQueryAt(*this)};
    }
    AcceptWord("TABLE");
    DescribeTable statement;
    statement.extended = AcceptWord("EXTENDED") || AcceptWord("FORMATTED");
    statement.table = Name();
    if (!AtEnd() && !IsSymbol(";")) statement.column = Name();
    return statement;
  }

  // ---- ALTER ----
  Statement Alter() {
    bool is_view = AcceptWord("VIEW");
    if (!is_view) ExpectWord("TABLE");
    ObjectName name = Name();
    if (AcceptWord("RENAME")) {
      if (!is_view && AcceptWord("COLUMN")) {
        Name();
        ExpectWord("TO");
        Identifier();
        return UnsupportedTableOperation{name, "RENAME COLUMN", "ALTER TABLE ... RENAME COLUMN"};
      }
      ExpectWord("TO");
      return RenameTable{name, Name(), is_view};
    }
    if (!is_view && IsWord("DROP") && (IsWord("COLUMN", 1) || IsWord("COLUMNS", 1))) {
      while (!AtEnd() && !IsSymbol(";")) ++pos_;
      return UnsupportedTableOperation{name, "DROP COLUMN", "ALTER TABLE ... DROP COLUMNS"};
    }
    if (!is_view && AcceptWord("PARTITION")) {
      RenamePartition statement{name, PartitionSpecList(), {}};
      if (AcceptWord("SET")) {
        ExpectWord("LOCATION");
        return SetTableLocation{name, statement.from, StringLiteral()};
      }
      ExpectWord("RENAME");
      ExpectWord("TO");
      ExpectWord("PARTITION");
      statement.to = PartitionSpecList();
      return statement;
    }
    if (is_view && AcceptWord("AS")) {
      CreateView statement;
      statement.name = name;
      statement.or_replace = true;
      statement.alter = true;
      ViewQuery(statement);
      return statement;
    }
    if (!is_view && AcceptWord("RECOVER")) {
      ExpectWord("PARTITIONS");
      return RepairTable{name, "ALTER TABLE RECOVER PARTITIONS"};
    }
    if (!is_view && (IsWord("PARTITION", 1) || IsWord("IF", 1))) {
      AlterPartitions statement{name};
      statement.add = AcceptWord("ADD");
      if (!statement.add) ExpectWord("DROP");
      statement.tolerant = statement.add ? AcceptIfNotExists() : AcceptIfExists();
      do {
        ExpectWord("PARTITION");
        statement.partitions.push_back(PartitionSpecList());
        statement.locations.push_back(statement.add && AcceptWord("LOCATION") ? std::optional(StringLiteral())
                                                                               : std::nullopt);
      } while (statement.add ? IsWord("PARTITION") : Accept(","));
      if (!statement.add) AcceptWord("PURGE");
      return statement;
    }
    if (!is_view && AcceptWord("ADD")) {
      AddColumns statement{name, {}};
      if (AcceptWord("COLUMNS")) {
        Expect("(");
        statement.columns = ColumnList();
        Expect(")");
      } else {
        ExpectWord("COLUMN");
        statement.columns = ColumnList();
      }
      return statement;
    }
    if (!is_view && IsWord("SET") && IsWord("LOCATION", 1)) {
      pos_ += 2;
      return SetTableLocation{name, {}, StringLiteral()};
    }
    AlterTableProperties statement;
    statement.table = name;
    if (AcceptWord("SET")) {
      ExpectWord("TBLPROPERTIES");
      statement.set = PropertyList();
      return statement;
    }
    ExpectWord("UNSET");
    ExpectWord("TBLPROPERTIES");
    statement.if_exists = AcceptIfExists();
    Expect("(");
    do {
      statement.unset.push_back(PropertyKey());
    } while (Accept(","));
    Expect(")");
    return statement;
  }

  // ---- INSERT ----
  Statement Insert() {
    InsertInto statement;
    if (AcceptWord("OVERWRITE")) {
      statement.overwrite = true;
      AcceptWord("TABLE");
    } else {
      ExpectWord("INTO");
      AcceptWord("TABLE");
    }
    statement.table = Name();
    if (AcceptWord("PARTITION")) statement.partition = PartitionSpecList();
    if (IsSymbol("(") && !IsWord("SELECT", 1) && !IsWord("WITH", 1) && !IsWord("VALUES", 1)) {
      statement.columns = IdentifierList();
    }
    statement.query = ParseQueryAt(*this);
    return statement;
  }
};

}  // namespace

Statement ParseStatement(const std::string& text) { return StatementParser(text).Parse(); }

}  // namespace ember::sql
