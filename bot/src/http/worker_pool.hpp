#pragma once
// Threads for blocking work (libpqxx, later outbound HTTP): handlers post tasks
// here and call Respond when done, so that I/O threads never block. The size is
// CRMBOT_WORKERS, the same as the database pool, so a task rarely waits for a
// connection. An exception escaping a task is logged, never fatal.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>

namespace bot::http {

class WorkerPool {
public:
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool();  // join()
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs `task` on a worker thread. Tasks posted after join() never run (they
    // are destroyed, which for a captured Respond means a 500 reply).
    template <class F>
    void post(F&& task) {
        boost::asio::post(pool_, [task = std::forward<F>(task)]() mutable {
            try {
                task();
            } catch (...) {
                report(std::current_exception());
            }
        });
    }

    // Waits for every queued task to finish, then stops the threads. Idempotent.
    void join();

    std::size_t size() const { return size_; }
    boost::asio::thread_pool::executor_type executor() { return pool_.get_executor(); }

private:
    static void report(std::exception_ptr error) noexcept;

    std::size_t size_;
    boost::asio::thread_pool pool_;
};

}  // namespace bot::http
