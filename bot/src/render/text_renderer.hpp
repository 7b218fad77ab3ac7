#pragma once
// Renders a Reply as Markdown text for a Teams message. The Adaptive Cards
// renderer is its richer sibling; both read the same Reply.
#include "app/reply.hpp"

#include <string>

namespace bot::render {

std::string to_markdown(const app::Reply& reply);

}  // namespace bot::render
