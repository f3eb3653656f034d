// parse_url / try_parse_url(url, part[, key]): a part of a URL (HOST, PATH, QUERY, REF, PROTOCOL,
// FILE, AUTHORITY, USERINFO), or the value of query parameter key, as java.net.URI splits it.
#include <optional>

#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

struct Url {
  std::optional<SV> scheme, authority, userinfo, host, path, query, fragment;
};

bool IsSchemeChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }

// False for text java.net.URI rejects (spaces and other characters it does not allow unescaped).
bool ParseUrl(SV s, Url* url) {
  for (char c : s) {
    if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}')
      return false;
  }
  size_t hash = s.find('#');
  if (hash != SV::npos) {
    url->fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  size_t colon = s.find(':');
  if (colon != SV::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(s[0]))) {
    bool scheme = true;
    for (size_t k = 0; k < colon; ++k) scheme &= IsSchemeChar(s[k]);
    if (scheme) {
      url->scheme = s.substr(0, colon);
      s = s.substr(colon + 1);
    }
  }
  size_t question = s.find('?');
  if (question != SV::npos) {
    url->query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  if (s.substr(0, 2) == "//") {
    s = s.substr(2);
    size_t slash = s.find('/');
    SV authority = s.substr(0, slash);
    url->authority = authority;
    s = slash == SV::npos ? SV() : s.substr(slash);
    size_t at = authority.rfind('@');
    SV hostport = authority;
    if (at != SV::npos) {
      url->userinfo = authority.substr(0, at);
      hostport = authority.substr(at + 1);
    }
    size_t port = hostport.rfind(':');
    if (port != SV::npos && hostport.find(']', port) == SV::npos) hostport = hostport.substr(0, port);
    if (!hostport.empty()) url->host = hostport;
  }
  url->path = s;
  return true;
}

std::optional<SV> QueryValue(SV query, SV key) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    SV pair = query.substr(start, end == SV::npos ? SV::npos : end - start);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      if (eq == SV::npos) return std::nullopt;
      return pair.substr(eq + 1);
    }
    if (end == SV::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

struct ParseUrlRow {
  bool fail;
  bool operator()(std::string& out, SV text, SV part, SV key, bool has_key) const {
    Url url;
    if (!ParseUrl(text, &url)) {
      if (!fail) return false;
      throw SparkError("INVALID_URL", "22P02",
                       "The url is invalid: " + std::string(text) + ". Use `try_parse_url` to tolerate invalid URL and return NULL instead.",
                       {{"url", std::string(text)}});
    }
    std::optional<SV> value;
    if (part == "HOST") value = url.host;
    else if (part == "PATH") value = url.path;
    else if (part == "QUERY") value = has_key ? (url.query ? QueryValue(*url.query, key) : std::nullopt) : url.query;
    else if (part == "REF") value = url.fragment;
    else if (part == "PROTOCOL") value = url.scheme;
    else if (part == "AUTHORITY") value = url.authority;
    else if (part == "USERINFO") value = url.userinfo;
    else if (part == "FILE") {
      if (!url.path) return false;
      out.append(*url.path);
      if (url.query) out.append("?").append(*url.query);
      return true;
    }
    if (!value) return false;
    out.append(*value);
    return true;
  }
};

ScalarFunction ParseUrlFunction(const std::string& name, bool fail, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [name, fail](const std::vector<BindArg>& args, const EvalContext&) {
        CheckArgCount(name, args, 2, 3);
        RejectNestedArgs(name, args, "\"STRING\"");
        std::vector<TypePtr> types(args.size(), StringType());
        BoundScalar bound = FixedBinding(types, StringType(), nullptr);
        bound.kernel = [fail](const std::vector<VectorPtr>& a, int64_t rows, EvalContext& ctx) {
          ParseUrlRow row{fail && ctx.ansi};
          if (a.size() == 3) {
            return ExecuteRows<StringResult(SV, SV, SV)>(StringType(), a, rows, [&row](std::string& out, SV u, SV p, SV k) {
              return row(out, u, p, k, true);
            });
          }
          return ExecuteRows<StringResult(SV, SV)>(StringType(), a, rows, [&row](std::string& out, SV u, SV p) {
            return row(out, u, p, {}, false);
          });
        };
        return bound;
      },
      std::move(examples));
}

}  // namespace

void RegisterParseUrlFunctions(FunctionRegistry& registry) {
  registry.Add(ParseUrlFunction("parse_url", true,
                                "parse_url(url, part[, key]): the HOST, PATH, QUERY (or query parameter key), REF, PROTOCOL, FILE, AUTHORITY or USERINFO of url.",
                                {{"parse_url('https://spark.apache.org/docs?x=1&y=2#top', 'HOST')", "spark.apache.org"},
                                 {"parse_url('https://spark.apache.org/docs?x=1&y=2#top', 'QUERY', 'y')", "2"}}));
  registry.Add(ParseUrlFunction("try_parse_url", false, "try_parse_url(url, part[, key]): parse_url, or null when url is invalid.",
                                {{"try_parse_url('http://a b', 'HOST')", "NULL"}}));
}

}  // namespace ember
