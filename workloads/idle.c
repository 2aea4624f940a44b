/*
 * idle: sleeps until signalled. The process of an idle sandbox whose host memory isobench's
 * `memory` measurement sums (shim, runsc-sandbox and gofer, a VMM, ...). Exits 0 on SIGTERM
 * or SIGINT; SIGKILL ends it too.
 */
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig) { (void)sig; stop = 1; }

int main(void) {
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    while (!stop) pause();
    return 0;
}
