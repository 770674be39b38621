#include "providers/gemini_partial_args.h"

#include <memory>
#include <utility>

#include "core/status.h"
#include "providers/json_write.h"

namespace ag::providers {
namespace {

// A tree of the arguments being rebuilt: objects keep insertion order.
struct Node {
  enum Kind { kUnset, kObject, kArray, kLeaf } kind = kUnset;
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> children;  // arrays: key ""
  std::string leaf;  // JSON text

  Node &child(const std::string &key) {
    if (kind == kUnset) kind = kObject;
    if (kind != kObject) fail(AG_E_PARSE, "partialArgs: path mixes object and other kinds");
    for (auto &c : children)
      if (c.first == key) return *c.second;
    children.emplace_back(key, std::make_unique<Node>());
    return *children.back().second;
  }
  Node &element(size_t index) {
    if (kind == kUnset) kind = kArray;
    if (kind != kArray) fail(AG_E_PARSE, "partialArgs: path mixes array and other kinds");
    if (index > 4096) fail(AG_E_PARSE, "partialArgs: array index too large");
    while (children.size() <= index) children.emplace_back("", std::make_unique<Node>());
    return *children[index].second;
  }
  void write(std::string &out) const {
    switch (kind) {
      case kUnset: out += "null"; return;
      case kLeaf: out += leaf; return;
      case kObject:
      case kArray: {
        out.push_back(kind == kObject ? '{' : '[');
        for (size_t i = 0; i < children.size(); ++i) {
          if (i) out.push_back(',');
          if (kind == kObject) {
            append_json_string(out, children[i].first);
            out.push_back(':');
          }
          children[i].second->write(out);
        }
        out.push_back(kind == kObject ? '}' : ']');
      }
    }
  }
};

[[noreturn]] void bad_path(std::string_view path) {
  fail(AG_E_PARSE, "partialArgs: unsupported jsonPath '" + std::string(path) + "'");
}

// Walks `path` from root, creating nodes, and returns the node it names.
Node &resolve(Node &root, std::string_view path) {
  if (path.empty() || path[0] != '$') bad_path(path);
  Node *n = &root;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t end = path.find_first_of(".[", i + 1);
      if (end == std::string_view::npos) end = path.size();
      if (end == i + 1) bad_path(path);
      n = &n->child(std::string(path.substr(i + 1, end - i - 1)));
      i = end;
    } else if (path[i] == '[' && i + 1 < path.size() && (path[i + 1] == '\'' || path[i + 1] == '"')) {
      const char quote = path[i + 1];
      size_t end = path.find(quote, i + 2);
      if (end == std::string_view::npos || end + 1 >= path.size() || path[end + 1] != ']')
        bad_path(path);
      n = &n->child(std::string(path.substr(i + 2, end - i - 2)));
      i = end + 2;
    } else if (path[i] == '[') {
      size_t end = path.find(']', i + 1);
      if (end == std::string_view::npos || end == i + 1) bad_path(path);
      size_t index = 0;
      for (size_t k = i + 1; k < end; ++k) {
        if (path[k] < '0' || path[k] > '9' || end - i > 6) bad_path(path);
        index = index * 10 + static_cast<size_t>(path[k] - '0');
      }
      n = &n->element(index);
      i = end + 1;
    } else {
      bad_path(path);
    }
  }
  return *n;
}

}  // namespace

void PartialArgs::add_value(std::string_view path, std::string_view value_json) {
  args_.push_back(Arg{std::string(path), std::string(value_json), false, false});
}

void PartialArgs::add_string(std::string_view path, std::string_view piece, bool continues) {
  if (!args_.empty() && args_.back().continues && args_.back().is_string &&
      args_.back().path == path) {
    args_.back().value.append(piece);
    args_.back().continues = continues;
  } else {
    args_.push_back(Arg{std::string(path), std::string(piece), true, continues});
  }
}

void PartialArgs::merge(const PartialArgs &next) {
  for (const Arg &a : next.args_) {
    if (a.is_string) add_string(a.path, a.value, a.continues);
    else add_value(a.path, a.value);
  }
}

std::string PartialArgs::build() const {
  Node root;
  root.kind = Node::kObject;
  for (const Arg &a : args_) {
    Node &n = resolve(root, a.path);
    if (n.kind == Node::kObject || n.kind == Node::kArray)
      fail(AG_E_PARSE, "partialArgs: value at '" + a.path + "' overwrites a container");
    n.kind = Node::kLeaf;
    n.leaf.clear();
    if (a.is_string) append_json_string(n.leaf, a.value);
    else n.leaf = a.value;
  }
  std::string out;
  root.write(out);
  return out;
}

}  // namespace ag::providers
