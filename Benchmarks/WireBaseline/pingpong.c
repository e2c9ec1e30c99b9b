/*
 * The floor wire-bench is compared with: a minimal C client and server doing Wire's exchange
 * (4-byte big-endian length, then a 200-byte payload, echoed back) over a Unix socket, with
 * blocking sockets and a thread per connection. No JSON, no event loop.
 *
 *   cc -O2 -o /tmp/pingpong Benchmarks/WireBaseline/pingpong.c -lpthread
 *   /tmp/pingpong serve /tmp/pingpong.sock &
 *   /tmp/pingpong run /tmp/pingpong.sock 1 && /tmp/pingpong run /tmp/pingpong.sock 16
 *   kill %1
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { payload_bytes = 200, seconds = 4 };

static const char *socket_path;
static long total_round_trips;
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;

static int read_fully(int fd, char *buffer, size_t count) {
    size_t done = 0;
    while (done < count) {
        ssize_t got = read(fd, buffer + done, count - done);
        if (got <= 0) return -1;
        done += (size_t)got;
    }
    return 0;
}

static double now_seconds(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static struct sockaddr_un address(void) {
    struct sockaddr_un unix_address = {0};
    unix_address.sun_family = AF_UNIX;
    strncpy(unix_address.sun_path, socket_path, sizeof unix_address.sun_path - 1);
    return unix_address;
}

static void *serve_connection(void *argument) {
    int fd = (int)(intptr_t)argument;
    char frame[4 + 65536];
    for (;;) {
        uint32_t length;
        if (read_fully(fd, (char *)&length, 4) < 0) break;
        uint32_t count = ntohl(length);
        if (count > 65536 || read_fully(fd, frame + 4, count) < 0) break;
        memcpy(frame, &length, 4);
        if (write(fd, frame, 4 + count) < 0) break;
    }
    close(fd);
    return NULL;
}

static void *call_repeatedly(void *unused) {
    (void)unused;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un unix_address = address();
    if (connect(fd, (struct sockaddr *)&unix_address, sizeof unix_address) < 0) {
        perror("connect");
        exit(1);
    }
    char frame[4 + payload_bytes];
    uint32_t length = htonl(payload_bytes);
    memcpy(frame, &length, 4);
    memset(frame + 4, 'x', payload_bytes);
    long round_trips = 0;
    double end = now_seconds() + seconds;
    while (now_seconds() < end) {
        if (write(fd, frame, sizeof frame) < 0 || read_fully(fd, frame, sizeof frame) < 0) exit(1);
        round_trips++;
    }
    pthread_mutex_lock(&total_lock);
    total_round_trips += round_trips;
    pthread_mutex_unlock(&total_lock);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s serve SOCKET | run SOCKET CALLERS\n", argv[0]);
        return 2;
    }
    socket_path = argv[2];
    if (strcmp(argv[1], "serve") == 0) {
        unlink(socket_path);
        int listener = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un unix_address = address();
        if (bind(listener, (struct sockaddr *)&unix_address, sizeof unix_address) < 0 || listen(listener, 64) < 0) {
            perror("bind");
            return 1;
        }
        for (;;) {
            int connection = accept(listener, NULL, NULL);
            if (connection < 0) continue;
            pthread_t thread;
            pthread_create(&thread, NULL, serve_connection, (void *)(intptr_t)connection);
            pthread_detach(thread);
        }
    }
    int callers = argc > 3 ? atoi(argv[3]) : 1;
    if (callers < 1 || callers > 256) callers = 1;
    pthread_t threads[256];
    for (int i = 0; i < callers; i++) pthread_create(&threads[i], NULL, call_repeatedly, NULL);
    for (int i = 0; i < callers; i++) pthread_join(threads[i], NULL);
    printf("%d callers: %.0f round trips/s\n", callers, (double)total_round_trips / seconds);
    return 0;
}
