// XPath evaluation over XML text with libxml2, as Spark's xpath functions evaluate it with the JDK's
// XPath: one compiled expression per task, one parsed document per row, external entities never
// loaded. Internal to functions/xml.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>
#include <libxml/xpath.h>

namespace ember {

// The result of an expression over one document, read as Spark's XPathConstants kinds.
class XPathResult {
 public:
  XPathResult(xmlXPathObjectPtr object, xmlDocPtr document, const std::string& path)
      : object_(object), document_(document), path_(path) {}
  ~XPathResult();
  XPathResult(const XPathResult&) = delete;
  XPathResult& operator=(const XPathResult&) = delete;

  bool Boolean() const;
  double Number() const;
  std::string String() const;
  // The node set (NODESET, possibly null when empty); throws when the expression gives a number,
  // string or boolean.
  xmlNodeSetPtr Nodes() const;

 private:
  xmlXPathObjectPtr object_;
  xmlDocPtr document_;
  const std::string& path_;
};

// One XPath expression, compiled on first use and evaluated over documents given as text.
class XPathEvaluator {
 public:
  explicit XPathEvaluator(std::string path) : path_(std::move(path)) {}

  // The expression's value over the document `xml`, or nullptr when the text or the path is
  // empty (Spark's null). Throws for a path that does not compile or text that does not parse.
  std::unique_ptr<XPathResult> Evaluate(std::string_view xml);

 private:
  struct FreeCompiled {
    void operator()(xmlXPathCompExprPtr compiled) const { xmlXPathFreeCompExpr(compiled); }
  };
  std::string path_;
  std::unique_ptr<xmlXPathCompExpr, FreeCompiled> compiled_;
};

struct FreeXmlDocument {
  void operator()(xmlDocPtr document) const { xmlFreeDoc(document); }
};
using XmlDocument = std::unique_ptr<xmlDoc, FreeXmlDocument>;

// Parses documents one after another with one libxml2 parser (its name dictionary shared by
// them): nothing fetched, no error printed.
class XmlParser {
 public:
  XmlParser();
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // The document of `xml`, or nullptr when it is not well formed.
  XmlDocument Parse(std::string_view xml);

 private:
  xmlParserCtxtPtr context_;
};

// The document of `xml` (a parser of its own), or nullptr when it is not well formed.
XmlDocument ParseXmlDocument(std::string_view xml);

// An element's name as Spark's XML functions read it: prefix:local, or local without a prefix or
// when namespaces are ignored.
std::string XmlElementName(xmlNodePtr element, bool ignore_namespace = false);
// Whether XmlElementName(element, ignore_namespace) is `name`, without building it.
bool XmlElementNameIs(xmlNodePtr element, std::string_view name, bool ignore_namespace = false);
// The text and CDATA directly inside `element` (not in its child elements).
std::string XmlDirectText(xmlNodePtr element);
// Whether `element` has child elements.
bool XmlHasChildElements(xmlNodePtr element);
// The XML text of everything inside `element`.
std::string XmlInnerText(xmlNodePtr element);

// Java's getNodeValue: the text of text, CDATA, comment and processing-instruction nodes and the
// value of attributes; nullopt for elements and documents.
std::optional<std::string> NodeValue(xmlNodePtr node);

}  // namespace ember
