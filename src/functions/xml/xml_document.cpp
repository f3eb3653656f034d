#include "functions/xml/xml_document.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>

#include "common/error.h"

namespace ember {
namespace {

void Silent(void*, const char*, ...) {}
void SilentStructured(void*, xmlErrorPtr) {}

// libxml2's process setup once, and its error printing off for the calling thread (its error
// handlers are per thread).
void PrepareLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  xmlSetGenericErrorFunc(nullptr, Silent);
  xmlSetStructuredErrorFunc(nullptr, SilentStructured);
}

[[noreturn]] void ThrowXPathError(const std::string& message) {
  throw SparkError("XPATH_EVALUATION_ERROR", "22000", message, {});
}

}  // namespace

XPathResult::~XPathResult() {
  xmlXPathFreeObject(object_);
  xmlFreeDoc(document_);
}

bool XPathResult::Boolean() const { return xmlXPathCastToBoolean(object_) != 0; }

double XPathResult::Number() const { return xmlXPathCastToNumber(object_); }

std::string XPathResult::String() const {
  xmlChar* text = xmlXPathCastToString(object_);
  std::string out = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return out;
}

xmlNodeSetPtr XPathResult::Nodes() const {
  if (object_->type != XPATH_NODESET) ThrowXPathError("Error loading expression '" + path_ + "': the result is not a node set");
  return object_->nodesetval;
}

std::unique_ptr<XPathResult> XPathEvaluator::Evaluate(std::string_view xml) {
  if (xml.empty() || path_.empty()) return nullptr;
  PrepareLibxml();
  if (!compiled_) {
    compiled_.reset(xmlXPathCompile(reinterpret_cast<const xmlChar*>(path_.c_str())));
    if (!compiled_) ThrowXPathError("Invalid XPath '" + path_ + "'");
  }
  xmlDocPtr document = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!document) ThrowXPathError("Error loading expression '" + path_ + "': invalid XML document");
  xmlXPathContextPtr context = xmlXPathNewContext(document);
  if (context) context->node = reinterpret_cast<xmlNodePtr>(document);  // relative paths start at the document
  xmlXPathObjectPtr object = context ? xmlXPathCompiledEval(compiled_.get(), context) : nullptr;
  xmlXPathFreeContext(context);
  if (!object) {
    xmlFreeDoc(document);
    ThrowXPathError("Invalid XPath '" + path_ + "'");
  }
  return std::make_unique<XPathResult>(object, document, path_);
}

constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

XmlParser::XmlParser() {
  PrepareLibxml();
  context_ = xmlNewParserCtxt();
}

XmlParser::~XmlParser() { xmlFreeParserCtxt(context_); }

XmlDocument XmlParser::Parse(std::string_view xml) {
  if (context_ == nullptr) return ParseXmlDocument(xml);
  return XmlDocument(xmlCtxtReadMemory(context_, xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kParseOptions));
}

XmlDocument ParseXmlDocument(std::string_view xml) {
  PrepareLibxml();
  return XmlDocument(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kParseOptions));
}

bool XmlElementNameIs(xmlNodePtr element, std::string_view name, bool ignore_namespace) {
  std::string_view local = reinterpret_cast<const char*>(element->name);
  if (ignore_namespace || element->ns == nullptr || element->ns->prefix == nullptr) return name == local;
  std::string_view prefix = reinterpret_cast<const char*>(element->ns->prefix);
  return name.size() == prefix.size() + 1 + local.size() && name.substr(0, prefix.size()) == prefix &&
         name[prefix.size()] == ':' && name.substr(prefix.size() + 1) == local;
}

std::string XmlElementName(xmlNodePtr element, bool ignore_namespace) {
  std::string name = reinterpret_cast<const char*>(element->name);
  if (!ignore_namespace && element->ns != nullptr && element->ns->prefix != nullptr) {
    return reinterpret_cast<const char*>(element->ns->prefix) + (":" + name);
  }
  return name;
}

std::string XmlDirectText(xmlNodePtr element) {
  std::string out;
  for (xmlNodePtr child = element->children; child != nullptr; child = child->next) {
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != nullptr) {
      out += reinterpret_cast<const char*>(child->content);
    }
  }
  return out;
}

bool XmlHasChildElements(xmlNodePtr element) {
  for (xmlNodePtr child = element->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

std::string XmlInnerText(xmlNodePtr element) {
  std::string out;
  xmlBufferPtr buffer = xmlBufferCreate();
  for (xmlNodePtr child = element->children; child != nullptr; child = child->next) {
    xmlBufferEmpty(buffer);
    xmlNodeDump(buffer, element->doc, child, 0, 0);
    out.append(reinterpret_cast<const char*>(xmlBufferContent(buffer)), xmlBufferLength(buffer));
  }
  xmlBufferFree(buffer);
  return out;
}

std::optional<std::string> NodeValue(xmlNodePtr node) {
  switch (node->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
    case XML_ATTRIBUTE_NODE: {
      xmlChar* text = xmlNodeGetContent(node);
      std::string out = text ? reinterpret_cast<const char*>(text) : "";
      xmlFree(text);
      return out;
    }
    case XML_NAMESPACE_DECL: {
      const xmlNs* ns = reinterpret_cast<const xmlNs*>(node);
      return ns->href ? reinterpret_cast<const char*>(ns->href) : "";
    }
    default: return std::nullopt;
  }
}

}  // namespace ember
