// Budget windows and scopes: names, validity and the UTC span holding an instant.
#pragma once

#include <cstdint>

namespace ag {

// [start, end) in ms since the epoch. The total window spans all time: [0, INT64_MAX).
struct WindowSpan {
  int64_t start;
  int64_t end;
};

// REQUIRES: valid_window(window).
WindowSpan window_span(int window, int64_t t_ms);

bool valid_window(int32_t window);
bool valid_scope(int32_t scope);
const char *window_name(int window);  // "total", "hour", "day", "month"
const char *scope_name(int scope);    // "run", "user", "tenant", "global"

}  // namespace ag
