//! Linux confinement, applied by the supervisor's child between `fork` and `exec`: Landlock
//! (the `landlock` crate, best effort) and a seccomp filter (the `seccompiler` crate).
//!
//! Both are inherited by everything the command starts and survive `exec`. The supervisor is
//! single-threaded, so building the rules in the forked child (which allocates) is safe.

use super::{Policy, Profile};
use landlock::{
    ABI, Access, AccessFs, AccessNet, BitFlags, CompatLevel, Compatible, LandlockStatus, Ruleset, RulesetAttr, RulesetCreatedAttr, RulesetStatus, Scope,
    path_beneath_rules,
};
use seccompiler::{BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule, TargetArch};
use std::collections::BTreeMap;

/// The highest Landlock ABI this grader asks for (older kernels get what they support).
const TARGET_ABI: ABI = ABI::V6;

/// What [`confine`] managed to enforce.
#[derive(Clone, Copy, Debug, Default)]
pub struct Status {
    /// 0 none, 1 partial, 2 full.
    pub landlock: u8,
    pub abi: i32,
    pub seccomp: bool,
}

impl Status {
    pub fn to_bytes(self) -> [u8; 6] {
        let a = self.abi.to_le_bytes();
        [self.landlock, a[0], a[1], a[2], a[3], self.seccomp as u8]
    }
    pub fn from_bytes(b: &[u8]) -> Option<Status> {
        (b.len() == 6).then(|| Status { landlock: b[0], abi: i32::from_le_bytes([b[1], b[2], b[3], b[4]]), seccomp: b[5] == 1 })
    }
}

/// The kernel's Landlock ABI (0 when Landlock is missing or disabled).
pub fn kernel_abi() -> i32 {
    // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)
    let v = unsafe { libc::syscall(libc::SYS_landlock_create_ruleset, std::ptr::null::<u8>(), 0usize, 1u32) };
    if v < 0 { 0 } else { v as i32 }
}

/// Confines the calling process (and everything it will start). Never fails: what could not
/// be enforced is reported as such.
pub fn confine(policy: &Policy) -> Status {
    let mut st = Status { abi: kernel_abi(), ..Status::default() };
    st.landlock = match landlock(policy) {
        Ok(RulesetStatus::FullyEnforced) => 2,
        Ok(RulesetStatus::PartiallyEnforced) => 1,
        _ => 0,
    };
    st.seccomp = seccomp(policy.profile).is_ok();
    st
}

fn landlock(policy: &Policy) -> Result<RulesetStatus, landlock::RulesetError> {
    let abi = TARGET_ABI;
    let read = AccessFs::from_read(abi);
    let write: BitFlags<AccessFs> = match policy.profile {
        // cargo and rustc are trusted tools: they may make any kind of file in their folders.
        Profile::Build => AccessFs::from_all(abi),
        // Student code: plain files and folders only (no FIFO to hang the judge, no symlink or
        // device), nothing executable.
        Profile::Case | Profile::Timing => {
            AccessFs::from_all(abi)
                & !(AccessFs::MakeSock | AccessFs::MakeFifo | AccessFs::MakeBlock | AccessFs::MakeChar | AccessFs::MakeSym | AccessFs::Execute)
        }
    };
    let status = Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(AccessFs::from_all(abi))?
        .handle_access(AccessNet::from_all(abi))?
        .scope(Scope::from_all(abi))?
        .create()?
        .add_rules(path_beneath_rules(&policy.read, read))?
        .add_rules(path_beneath_rules(&policy.write, write))?
        .add_rules(path_beneath_rules(["/dev/null"], AccessFs::ReadFile | AccessFs::WriteFile))?
        // Its own /proc entry (opened here, after fork: this process's pid), read-only: the
        // Rust runtime reads its stack bounds from /proc/self/maps to report a stack overflow.
        .add_rules(path_beneath_rules(["/proc/self"], AccessFs::ReadFile | AccessFs::ReadDir))?
        .restrict_self()?;
    // A kernel without Landlock reports `NotEnforced`; anything else is what it could do.
    if let LandlockStatus::NotEnabled | LandlockStatus::NotImplemented = status.landlock {
        return Ok(RulesetStatus::NotEnforced);
    }
    Ok(status.ruleset)
}

fn cond(arg: u8, op: SeccompCmpOp, value: u64) -> SeccompCondition {
    SeccompCondition::new(arg, SeccompCmpArgLen::Dword, op, value).expect("a valid condition")
}
fn rule(conds: Vec<SeccompCondition>) -> SeccompRule {
    SeccompRule::new(conds).expect("a valid rule")
}

/// System calls no profile needs: debugging other processes, kernel-level escape hatches,
/// namespaces and mounts, raising limits.
const DENIED: &[i64] = &[
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    libc::SYS_io_uring_setup,
    libc::SYS_io_uring_enter,
    libc::SYS_io_uring_register,
    libc::SYS_bpf,
    libc::SYS_perf_event_open,
    libc::SYS_userfaultfd,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_pivot_root,
    libc::SYS_chroot,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_open_by_handle_at,
    libc::SYS_name_to_handle_at,
    libc::SYS_pidfd_getfd,
    libc::SYS_kcmp,
    libc::SYS_fanotify_init,
    libc::SYS_kexec_load,
    libc::SYS_init_module,
    libc::SYS_finit_module,
    libc::SYS_delete_module,
    libc::SYS_reboot,
    libc::SYS_swapon,
    libc::SYS_swapoff,
    libc::SYS_setrlimit,
    libc::SYS_capset,
];

fn seccomp(profile: Profile) -> Result<(), seccompiler::Error> {
    let arch: TargetArch = std::env::consts::ARCH.try_into()?;
    let pid = std::process::id() as u64;
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> = DENIED.iter().map(|&s| (s, vec![])).collect();
    // prlimit64(pid, resource, new, old): reading is fine, setting is not.
    rules.insert(libc::SYS_prlimit64, vec![rule(vec![SeccompCondition::new(2, SeccompCmpArgLen::Qword, SeccompCmpOp::Ne, 0)?])]);
    match profile {
        Profile::Build => {
            // cargo and rustc need no network; AF_UNIX stays for whatever IPC a tool uses.
            rules.insert(libc::SYS_socket, vec![rule(vec![cond(0, SeccompCmpOp::Ne, libc::AF_UNIX as u64)])]);
        }
        Profile::Case | Profile::Timing => {
            for s in [
                libc::SYS_socket,
                libc::SYS_socketpair,
                libc::SYS_connect,
                libc::SYS_bind,
                libc::SYS_listen,
                libc::SYS_accept4,
                libc::SYS_pidfd_open,
                libc::SYS_pidfd_send_signal,
                libc::SYS_tkill,
                libc::SYS_setpgid,
                libc::SYS_setsid,
            ] {
                rules.insert(s, vec![]);
            }
            #[cfg(target_arch = "x86_64")]
            for s in [libc::SYS_fork, libc::SYS_vfork, libc::SYS_accept] {
                rules.insert(s, vec![]);
            }
            // Signals only to itself (abort() is tgkill(getpid(), gettid(), SIGABRT)).
            for s in [libc::SYS_kill, libc::SYS_tgkill, libc::SYS_rt_sigqueueinfo, libc::SYS_rt_tgsigqueueinfo] {
                rules.insert(s, vec![rule(vec![cond(0, SeccompCmpOp::Ne, pid)])]);
            }
            // New processes: never. Threads: in cases, not in timed runs.
            let clone = if profile == Profile::Case { vec![rule(vec![cond(0, SeccompCmpOp::MaskedEq(libc::CLONE_THREAD as u64), 0)])] } else { vec![] };
            rules.insert(libc::SYS_clone, clone);
            // A timed run is one thread: no core to borrow, nothing running between calls.
            if profile == Profile::Timing {
                rules.insert(libc::SYS_sched_setaffinity, vec![]);
            }
        }
    }
    let deny: BpfProgram = SeccompFilter::new(rules, SeccompAction::Allow, SeccompAction::Errno(libc::EPERM as u32), arch)?.try_into()?;
    // clone3 takes its flags in a struct a filter cannot read: answer ENOSYS so the C library
    // falls back to clone(2), which the filter above can judge.
    let clone3: BpfProgram =
        SeccompFilter::new([(libc::SYS_clone3, vec![])].into_iter().collect(), SeccompAction::Allow, SeccompAction::Errno(libc::ENOSYS as u32), arch)?
            .try_into()?;
    seccompiler::apply_filter(&clone3)?;
    seccompiler::apply_filter(&deny)?;
    Ok(())
}
