/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ns3
{
namespace sweep
{

std::string
ShellQuote(const std::string& word)
{
    bool plain = !word.empty()
                 && word.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                           "0123456789_-+=.,/:@%")
                        == std::string::npos;
    if (plain)
    {
        return word;
    }
    std::string quoted = "'";
    for (char c : word)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string
ShellCommand(const std::vector<std::string>& argv)
{
    std::string command;
    for (const auto& word : argv)
    {
        command += (command.empty() ? "" : " ") + ShellQuote(word);
    }
    return command;
}

namespace
{

std::vector<char*>
CArguments(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const auto& word : argv)
    {
        args.push_back(const_cast<char*>(word.c_str()));
    }
    args.push_back(nullptr);
    return args;
}

/// In the child: replaces the process image; on failure says why on stderr and exits 127.
[[noreturn]] void
ExecOrExit(const std::vector<std::string>& argv)
{
    std::vector<char*> args = CArguments(argv);
    execv(args[0], args.data());
    std::string message = "ipsec-sweep: cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
    ssize_t ignored = write(STDERR_FILENO, message.data(), message.size());
    (void) ignored;
    _exit(127);
}

int
StatusCode(int status)
{
    if (WIFEXITED(status))
    {
        return WEXITSTATUS(status);
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

} // namespace

int
CaptureOutput(const std::vector<std::string>& argv, std::string& output)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0)
    {
        int null = open("/dev/null", O_RDONLY);
        dup2(null, STDIN_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        ExecOrExit(argv);
    }
    close(fds[1]);
    output.clear();
    char buffer[4096];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof(buffer))) > 0 || (n < 0 && errno == EINTR))
    {
        if (n > 0)
        {
            output.append(buffer, n);
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return StatusCode(status);
}

pid_t
StartProcess(const std::vector<std::string>& argv,
             const std::string& directory,
             const std::string& stdoutPath,
             const std::string& stderrPath)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
    {
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0)
    {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
        {
            _exit(127); // the sweep died between fork and prctl
        }
        int in = open("/dev/null", O_RDONLY);
        int out = open(stdoutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(stderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || chdir(directory.c_str()) != 0)
        {
            _exit(126);
        }
        dup2(in, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        close(in);
        close(out);
        close(err);
        ExecOrExit(argv);
    }
    return pid;
}

std::string
OwnDirectory()
{
    std::error_code error;
    auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string(".") : self.parent_path().string();
}

} // namespace sweep
} // namespace ns3
