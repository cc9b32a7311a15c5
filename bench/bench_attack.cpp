// Hostile HTTP clients for bench/run-soak: slow-loris connections, password guessers, 1 GiB
// request bodies and clients that hang up right after a bad login, against one kvdesk-server, for
// a bounded time. It prints what happened to its connections and answers; it asserts nothing.
// Plain POSIX sockets and threads: it must keep working when the server misbehaves, so every
// wait is a poll() in short slices that also watches the deadline.
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    std::string host = "127.0.0.1";
    std::string source; // a local address to connect from, e.g. 127.0.0.2: another "client"
    int port = 0;
    double seconds = 30;
    int slowloris = 0;            // connections held open
    double slowlorisInterval = 3; // seconds between two header bytes
    int guessers = 0;             // threads
    int oversized = 0;            // threads
    double hangupRate = 0;        // bad-login-then-close connections per second
    std::string user = "soak";    // the real user, for wrong passwords
    std::string credentials;      // "user:password" for the oversized PUTs that log in
    std::string path = "/api/v1/main/namespaces/soak/kv/key.0000001";
};

Options options;
Clock::time_point deadline;

bool timeIsUp()
{
    return Clock::now() >= deadline;
}

// What one kind of client saw. Counters are shared by that kind's threads.
struct Counters
{
    const char* name;
    std::atomic<long> opened{0}, refused{0}, closedByServer{0}, noAnswer{0}, fullBodies{0};
    std::atomic<long long> bytesSent{0};
    std::mutex mutex;
    std::map<int, long> statuses;

    void status(int code)
    {
        const std::lock_guard<std::mutex> lock(mutex);
        ++statuses[code];
    }
};

Counters slowlorisCounters{"slow-loris"}, guesserCounters{"guesser"},
    oversizedCounters{"oversized"}, hangupCounters{"hangup"};

std::string base64(const std::string& in)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char ch : in) {
        bits = (bits << 8) | static_cast<unsigned char>(ch);
        for (count += 8; count >= 6; count -= 6)
            out += table[(bits >> (count - 6)) & 63];
    }
    if (count > 0)
        out += table[(bits << (6 - count)) & 63];
    return out.append((3 - in.size() % 3) % 3, '=');
}

// Waits for `events` on fd in slices of 200 ms until they come, time is up or `limitMs` passed.
// Returns the revents, 0 when nothing came.
short waitFor(int fd, short events, int limitMs)
{
    const auto until = Clock::now() + std::chrono::milliseconds(limitMs);
    while (!timeIsUp() && Clock::now() < until) {
        pollfd p{fd, events, 0};
        if (poll(&p, 1, 200) > 0)
            return p.revents;
    }
    return 0;
}

// A non-blocking connection to the server, or -1 (refused, or no answer within 2 s).
int connectToServer(Counters& c)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ++c.refused; // out of descriptors on our side counts as "could not connect" too
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    int error = 0;
    if (!options.source.empty()) {
        inet_pton(AF_INET, options.source.c_str(), &address.sin_addr);
        if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            error = errno;
    }
    address.sin_port = htons(uint16_t(options.port));
    inet_pton(AF_INET, options.host.c_str(), &address.sin_addr);
    if (error == 0 && connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        error = errno;
        if (error == EINPROGRESS) {
            socklen_t length = sizeof error;
            if (waitFor(fd, POLLOUT, 2000) == 0)
                error = ETIMEDOUT;
            else
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
        }
    }
    if (error != 0) {
        ++c.refused;
        close(fd);
        return -1;
    }
    ++c.opened;
    return fd;
}

// Sends everything (false: the server closed the connection, or time is up).
bool sendAll(int fd, const char* data, size_t size, Counters& c)
{
    while (size > 0) {
        const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
        if (n > 0) {
            c.bytesSent += n;
            data += n;
            size -= size_t(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (waitFor(fd, POLLOUT, 60'000) == 0)
                return false;
        } else {
            ++c.closedByServer;
            return false;
        }
    }
    return true;
}

bool sendAll(int fd, const std::string& text, Counters& c)
{
    return sendAll(fd, text.data(), text.size(), c);
}

// Reads one answer and counts its status. Returns the status; 0 when the server closed the
// connection first, -1 when no answer came in time. `keepAlive` tells whether the connection
// can carry another request.
int readAnswer(int fd, Counters& c, int limitMs, bool* keepAlive = nullptr)
{
    enum class BodyEnd { Length, Chunked, Close };
    std::string data; // the head, then the tail of a chunked body
    char buffer[16384];
    int status = 0;
    BodyEnd bodyEnd = BodyEnd::Close;
    long long bodyLeft = 0;
    bool reusable = false;
    for (;;) {
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            data.append(buffer, size_t(n));
            if (status == 0) {
                const size_t end = data.find("\r\n\r\n");
                if (end == std::string::npos && data.size() < 65536)
                    continue;
                const size_t space = data.find(' ');
                status = data.compare(0, 5, "HTTP/") == 0 && space != std::string::npos
                             ? std::atoi(data.c_str() + space + 1)
                             : 999; // not HTTP: counted as "999"
                c.status(status);
                if (end == std::string::npos)
                    break;
                std::string head = data.substr(0, end + 2);
                for (char& ch : head)
                    ch = char(std::tolower(static_cast<unsigned char>(ch)));
                reusable = head.find("\r\nconnection: close\r\n") == std::string::npos;
                if (const size_t at = head.find("\r\ncontent-length:"); at != std::string::npos) {
                    bodyEnd = BodyEnd::Length;
                    bodyLeft = std::atoll(head.c_str() + at + 17);
                } else if (head.find("\r\ntransfer-encoding: chunked\r\n") != std::string::npos) {
                    bodyEnd = BodyEnd::Chunked;
                }
                data.erase(0, end + 4);
            }
            if (bodyEnd == BodyEnd::Length) {
                bodyLeft -= (long long)data.size();
                data.clear();
                if (bodyLeft <= 0)
                    break;
            } else if (bodyEnd == BodyEnd::Chunked) {
                if (data.size() >= 5 && data.compare(data.size() - 5, 5, "0\r\n\r\n") == 0)
                    break;
                if (data.size() > 5)
                    data.erase(0, data.size() - 5);
            } else {
                data.clear();
            }
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            if (status == 0)
                ++c.closedByServer;
            reusable = false;
            break;
        }
        if (waitFor(fd, POLLIN, limitMs) == 0) {
            if (status == 0) {
                ++c.noAnswer;
                status = -1;
            }
            reusable = false;
            break;
        }
    }
    if (keepAlive)
        *keepAlive = reusable && bodyEnd != BodyEnd::Close && status > 0;
    return status;
}

void sleepSliced(double seconds)
{
    const auto until = Clock::now() + std::chrono::duration<double>(seconds);
    while (!timeIsUp() && Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

std::string request(const char* method, const std::string& authorization,
                    const std::string& extraHeaders = {})
{
    std::string r =
        std::string(method) + " " + options.path + " HTTP/1.1\r\nHost: " + options.host + "\r\n";
    if (!authorization.empty())
        r += "Authorization: Basic " + base64(authorization) + "\r\n";
    return r + extraHeaders + "\r\n";
}

// Holds `slowloris` connections, each sending its request line and then one header byte every
// interval, never ending the headers. A connection the server answers or closes is replaced.
void slowloris()
{
    Counters& c = slowlorisCounters;
    const std::string start = "GET /ping HTTP/1.1\r\nHost: " + options.host + "\r\nX-Slow-Loris: ";
    std::vector<int> fds(size_t(options.slowloris), -1);
    while (!timeIsUp()) {
        for (int& fd : fds) {
            if (timeIsUp())
                break;
            if (fd >= 0) {
                pollfd p{fd, POLLIN, 0};
                if (poll(&p, 1, 0) > 0) { // an answer (408?) or a close: count it, replace it
                    readAnswer(fd, c, 1000);
                    close(fd);
                    fd = -1;
                } else if (!sendAll(fd, "a", 1, c)) {
                    close(fd);
                    fd = -1;
                }
            }
            if (fd < 0) {
                fd = connectToServer(c);
                if (fd >= 0 && !sendAll(fd, start, c)) {
                    close(fd);
                    fd = -1;
                }
            }
        }
        sleepSliced(options.slowlorisInterval);
    }
    for (int fd : fds)
        if (fd >= 0)
            close(fd);
}

// Wrong passwords for the real user and for unknown users, as fast as the answers come, on
// keep-alive connections.
void guesser(int id)
{
    Counters& c = guesserCounters;
    int fd = -1;
    for (long attempt = 0; !timeIsUp(); ++attempt) {
        if (fd < 0 && (fd = connectToServer(c)) < 0) {
            sleepSliced(0.05); // a dead server refuses at once: do not spin
            continue;
        }
        const std::string who =
            attempt % 2 == 0 ? options.user + ":wrong-" + std::to_string(attempt)
                             : "nobody-" + std::to_string(id) + ":" + std::to_string(attempt);
        bool keepAlive = false;
        if (!sendAll(fd, request("GET", who), c) || readAnswer(fd, c, 60'000, &keepAlive) <= 0 ||
            !keepAlive) {
            close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
}

// PUTs announcing a 1 GiB body, then streaming it as fast as the server takes it until the
// server answers or closes; without credentials and with them in turn.
void oversized(int id)
{
    Counters& c = oversizedCounters;
    constexpr long long announced = 1LL << 30;
    const std::vector<char> chunk(size_t(1) << 16, 'a');
    for (long attempt = id; !timeIsUp(); ++attempt) {
        const int fd = connectToServer(c);
        if (fd < 0) {
            sleepSliced(0.05);
            continue;
        }
        const bool logIn = attempt % 2 == 1 && !options.credentials.empty();
        const std::string head = request("PUT", logIn ? options.credentials : std::string(),
                                         "Content-Type: application/json\r\nContent-Length: " +
                                             std::to_string(announced) + "\r\n");
        long long left = announced;
        bool answered = false;
        if (sendAll(fd, head, c)) {
            while (left > 0 && !timeIsUp()) {
                const short events = waitFor(fd, POLLIN | POLLOUT, 60'000);
                if (events & (POLLIN | POLLERR | POLLHUP)) { // an early answer (413?) or a close
                    readAnswer(fd, c, 2000);
                    answered = true;
                    break;
                }
                const ssize_t n = send(fd, chunk.data(), size_t(std::min<long long>(left, 1 << 16)),
                                       MSG_NOSIGNAL);
                if (n > 0) {
                    c.bytesSent += n;
                    left -= n;
                } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                    ++c.closedByServer;
                    answered = true;
                    break;
                }
            }
            if (left == 0)
                ++c.fullBodies;
            if (!answered && left == 0)
                readAnswer(fd, c, 60'000);
        }
        close(fd);
    }
}

// Connections that send a request with a wrong password and close at once, without reading the
// answer (an earlier server crashed writing the answer to the closed connection).
void hangup()
{
    Counters& c = hangupCounters;
    for (long attempt = 0; !timeIsUp(); ++attempt) {
        const int fd = connectToServer(c);
        if (fd >= 0) {
            sendAll(fd, request("GET", options.user + ":hang-up-" + std::to_string(attempt)), c);
            close(fd);
        }
        sleepSliced(1.0 / options.hangupRate);
    }
}

std::string sizeText(long long bytes)
{
    char text[32];
    if (bytes >= 1LL << 20)
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(1 << 20));
    else
        std::snprintf(text, sizeof text, "%.1f KiB", double(bytes) / 1024.0);
    return text;
}

void report(Counters& c)
{
    const std::lock_guard<std::mutex> lock(c.mutex);
    auto status = [&](int code) {
        const auto it = c.statuses.find(code);
        return it == c.statuses.end() ? 0L : it->second;
    };
    std::string other;
    for (const auto& [code, count] : c.statuses)
        if (code != 401 && code != 408 && code != 413 && code != 429 && code != 503)
            other += " " + std::to_string(code) + "x" + std::to_string(count);
    std::printf("  %-10s %7ld %7ld %7ld %7ld %6ld %6ld %6ld %6ld %6ld %9ld %10s %s\n", c.name,
                c.opened.load(), c.refused.load(), c.closedByServer.load(), c.noAnswer.load(),
                status(401), status(408), status(413), status(429), status(503),
                c.fullBodies.load(), sizeText(c.bytesSent.load()).c_str(),
                other.empty() ? "-" : other.c_str() + 1);
}

[[noreturn]] void usage(const char* problem)
{
    std::fprintf(
        stderr,
        "bench_attack: %s\nusage: bench_attack --port N [--host 127.0.0.1] [--source ADDRESS] "
        "[--seconds 30] [--slowloris CONNECTIONS] [--slowloris-interval SECONDS] "
        "[--guessers THREADS] [--user NAME] [--oversized THREADS] "
        "[--credentials USER:PASSWORD] [--hangup-rate PER_SECOND] [--path PATH]\n",
        problem);
    std::exit(2);
}

void parse(int argc, char** argv)
{
    struct Option
    {
        const char* name;
        std::string* text;
        int* number;
        double* real;
    };
    const Option table[] = {{"--host", &options.host, nullptr, nullptr},
                            {"--source", &options.source, nullptr, nullptr},
                            {"--port", nullptr, &options.port, nullptr},
                            {"--seconds", nullptr, nullptr, &options.seconds},
                            {"--slowloris", nullptr, &options.slowloris, nullptr},
                            {"--slowloris-interval", nullptr, nullptr, &options.slowlorisInterval},
                            {"--guessers", nullptr, &options.guessers, nullptr},
                            {"--user", &options.user, nullptr, nullptr},
                            {"--oversized", nullptr, &options.oversized, nullptr},
                            {"--credentials", &options.credentials, nullptr, nullptr},
                            {"--hangup-rate", nullptr, nullptr, &options.hangupRate},
                            {"--path", &options.path, nullptr, nullptr}};
    for (int i = 1; i < argc; i += 2) {
        const std::string name = argv[i];
        const auto option = std::find_if(std::begin(table), std::end(table),
                                         [&](const Option& o) { return name == o.name; });
        if (option == std::end(table))
            usage(("unknown option " + name).c_str());
        if (i + 1 >= argc)
            usage(("option " + name + " needs a value").c_str());
        const char* value = argv[i + 1];
        if (option->text)
            *option->text = value;
        else if (option->number)
            *option->number = std::atoi(value);
        else
            *option->real = std::atof(value);
    }
    in_addr ignored{};
    if (options.port <= 0 || options.port > 65535)
        usage("--port is required (1 to 65535)");
    if (inet_pton(AF_INET, options.host.c_str(), &ignored) != 1 ||
        (!options.source.empty() && inet_pton(AF_INET, options.source.c_str(), &ignored) != 1))
        usage("--host and --source must be IPv4 addresses such as 127.0.0.1");
    if (options.seconds <= 0 || options.slowlorisInterval <= 0)
        usage("--seconds and --slowloris-interval must be positive");
}

} // namespace

int main(int argc, char** argv)
{
    parse(argc, argv);
    const auto started = Clock::now();
    deadline = started + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(options.seconds));
    // The hard limit: threads stop at the deadline on their own; if one is stuck anyway, the
    // counters are printed and the process ends 5 s later regardless.
    std::thread([] {
        std::this_thread::sleep_until(deadline + std::chrono::seconds(5));
        std::fprintf(stderr, "bench_attack: clients did not stop 5 s after the time limit\n");
        std::fflush(nullptr);
        std::_Exit(3);
    }).detach();
    std::vector<std::thread> threads;
    if (options.slowloris > 0)
        threads.emplace_back(slowloris);
    for (int i = 0; i < options.guessers; ++i)
        threads.emplace_back(guesser, i);
    for (int i = 0; i < options.oversized; ++i)
        threads.emplace_back(oversized, i);
    if (options.hangupRate > 0)
        threads.emplace_back(hangup);
    for (std::thread& t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("bench_attack: %.1f s against %s:%d from %s\n", elapsed, options.host.c_str(),
                options.port,
                options.source.empty() ? "any local address" : options.source.c_str());
    std::printf("  %-10s %7s %7s %7s %7s %6s %6s %6s %6s %6s %9s %10s %s\n", "client", "opened",
                "refused", "closed", "no-ans", "401", "408", "413", "429", "503", "1GiB-sent",
                "sent", "other answers");
    if (options.slowloris > 0)
        report(slowlorisCounters);
    if (options.guessers > 0)
        report(guesserCounters);
    if (options.oversized > 0)
        report(oversizedCounters);
    if (options.hangupRate > 0)
        report(hangupCounters);
    std::printf(
        "  refused: could not connect (refused, or not accepted within 2 s); closed: closed "
        "by the server before answering;\n  no-ans: no answer before the time limit (or "
        "60 s); 1GiB-sent: whole 1 GiB bodies the server took\n");
    std::fflush(stdout);
    std::_Exit(0); // the watchdog thread is still sleeping
}
