#pragma once
// A wall clock the test moves by hand, for code that takes a
// std::function<system_clock::time_point()>. Starts at the real time, so tokens
// signed with real timestamps line up. Thread-safe.
#include <atomic>
#include <chrono>
#include <functional>

namespace test {

class ManualClock {
public:
    ManualClock() : now_(std::chrono::system_clock::now()) {}

    std::chrono::system_clock::time_point now() const { return now_.load(); }
    void advance(std::chrono::system_clock::duration by) { now_.store(now_.load() + by); }
    void set(std::chrono::system_clock::time_point t) { now_.store(t); }

    // The callable to inject; it refers to this clock, which must outlive it.
    std::function<std::chrono::system_clock::time_point()> source() const {
        return [this] { return now(); };
    }

private:
    std::atomic<std::chrono::system_clock::time_point> now_;
};

}  // namespace test
