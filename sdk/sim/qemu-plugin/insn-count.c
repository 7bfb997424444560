/*
 * insn-count.c — a QEMU TCG plugin that counts executed guest instructions for mote's
 * simulator layer (sdk/sim/qemu.ts compiles it on demand with the host `cc`).
 *
 * Debian's qemu-system-arm 7.2 is built with plugin support but ships no plugins, and no
 * plugin headers either; so the few declarations of the plugin API version 1 used here
 * are written out below (they match include/qemu/qemu-plugin.h of QEMU 7.x).
 *
 * How it counts: when QEMU translates a block of guest code, every instruction in it gets
 * an inline "add 1 to a 64-bit counter" operation that runs just before the instruction.
 * An instruction is therefore counted each time it starts executing — including the final
 * semihosting BKPT and every WFI; time asleep in WFI executes nothing and counts nothing.
 * The count does not depend on translation-block boundaries, so it is exact and repeatable.
 * mote's machines have one vCPU, so a plain (non-atomic) counter is enough.
 *
 * Arguments: out=PATH — at exit, write the decimal count and a newline to PATH.
 *
 * Holding the guest for the harness (RunOptions.flashFile, powerCutAtInstruction): with
 * hold=SOCKET the plugin connects to that Unix socket, and
 *   - cut=N: just before instruction N+1 would run, it says "cut\n" and waits for good (the
 *     harness saves the flash over QMP, then kills QEMU: a power cut at an exact count;
 *     instructions are then counted by a call each, not inline, to check the count);
 *   - before each semihosting call (BKPT 0xAB: the guest's exit), it says "exit\n" and
 *     waits for one byte back (the harness saves the flash, then lets the guest go on).
 * While the vCPU waits here QEMU's main loop runs on (TCG releases the big lock while it
 * executes guest code), so QMP's pmemsave reads memory as the guest left it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define PLUGIN_EXPORT __attribute__((visibility("default")))

/* --- plugin API v1 (QEMU 7.x include/qemu/qemu-plugin.h), only what is used --------- */
typedef uint64_t qemu_plugin_id_t;

typedef struct qemu_info_t {
    const char *target_name;
    struct { int min; int cur; } version;
    bool system_emulation;
    union { struct { int smp_vcpus; int max_vcpus; } system; };
} qemu_info_t;

struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS = 0 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
                                                enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

/* --- the plugin ---------------------------------------------------------------------- */
PLUGIN_EXPORT int qemu_plugin_version = 1;

static uint64_t executed;
static char out_path[4096];
static char hold_path[108];
static int hold_socket = -1;
static bool cutting;
static uint64_t cut_at;
/* BKPT #0xAB in Thumb (ARMv7-M ARM A7.7.17): the semihosting call. */
static const uint8_t SEMIHOSTING_BKPT[2] = { 0xab, 0xbe };

/* Tells the harness `what` and waits for its answer: one byte, or none ever. */
static void hold(const char *what)
{
    if (hold_socket < 0) {
        hold_socket = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un address = { .sun_family = AF_UNIX };
        snprintf(address.sun_path, sizeof address.sun_path, "%s", hold_path);
        if (hold_socket < 0 || connect(hold_socket, (struct sockaddr *)&address, sizeof address) != 0) {
            fprintf(stderr, "insn-count: cannot reach the harness at %s\n", hold_path);
            return;
        }
    }
    if (write(hold_socket, what, strlen(what)) < 0) return;
    char answer;
    if (read(hold_socket, &answer, 1) != 1) {
        /* The harness has gone: nothing more to wait for (QEMU is being killed). */
        for (;;) pause();
    }
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata);

static void on_instruction(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    (void)userdata;
    if (executed == cut_at) {
        hold("cut\n");
        /* The harness has saved the flash: the power goes, the count as it was. */
        on_qemu_exit(0, NULL);
        _exit(0);
    }
    executed++;
}

static void on_semihosting(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    (void)userdata;
    hold("exit\n");
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t count = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < count; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        if (cutting) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_instruction, QEMU_PLUGIN_CB_NO_REGS, NULL);
        } else {
            qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
        }
        if (hold_path[0] != '\0' && qemu_plugin_insn_size(insn) == 2 &&
            memcmp(qemu_plugin_insn_data(insn), SEMIHOSTING_BKPT, 2) == 0) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_semihosting, QEMU_PLUGIN_CB_NO_REGS, NULL);
        }
    }
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    if (out_path[0] == '\0') return;
    FILE *file = fopen(out_path, "w");
    if (file == NULL) return;
    fprintf(file, "%llu\n", (unsigned long long)executed);
    fclose(file);
}

PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                      int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0) {
            snprintf(out_path, sizeof out_path, "%s", argv[i] + 4);
        } else if (strncmp(argv[i], "hold=", 5) == 0) {
            snprintf(hold_path, sizeof hold_path, "%s", argv[i] + 5);
        } else if (strncmp(argv[i], "cut=", 4) == 0) {
            cutting = true;
            cut_at = strtoull(argv[i] + 4, NULL, 10);
        } else {
            fprintf(stderr, "insn-count: unknown argument '%s' (expected out=PATH, hold=SOCKET, cut=N)\n", argv[i]);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
    return 0;
}
