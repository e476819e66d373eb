#define _GNU_SOURCE
/* handshake-lens-capture: the small privileged capture helper.
 *
 * Installed with cap_net_raw,cap_net_admin (setcap) or started through
 * pkexec.  It does one thing: open one interface with libpcap, apply a BPF
 * filter, and stream pcap on stdout for the app to read through a pipe.  It
 * validates its arguments strictly, drops every privilege as soon as the
 * capture is open, and exits when stdout closes or on SIGINT/SIGTERM.
 *
 *   handshake-lens-capture --list
 *   handshake-lens-capture -i IFACE [-f FILTER] [-c COUNT]
 */
#include <errno.h>
#include <linux/capability.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILTER 1024

static pcap_t *capture;

static void
on_signal (int sig)
{
  (void) sig;
  if (capture)
    pcap_breakloop (capture);
}

static int
usage (const char *msg)
{
  fprintf (stderr, "handshake-lens-capture: %s\n"
           "usage: handshake-lens-capture --list\n"
           "       handshake-lens-capture -i INTERFACE [-f FILTER] [-c COUNT]\n", msg);
  return 2;
}

static int
valid_interface (const char *s)
{
  size_t n = strlen (s);
  if (n == 0 || n > 15 || s[0] == '-')
    return 0;
  for (size_t i = 0; i < n; i++)
    {
      char c = s[i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-' || c == ':' || c == '@'))
        return 0;
    }
  return 1;
}

static int
valid_filter (const char *s)
{
  size_t n = strlen (s);
  if (n > MAX_FILTER)
    return 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char) s[i] < 0x20 || (unsigned char) s[i] > 0x7e)
      return 0;
  return 1;
}

/* Drops every capability (effective, permitted, inheritable, bounding set
 * where allowed) and any setuid identity. */
static int
drop_privileges (void)
{
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2];

  memset (data, 0, sizeof data);
  for (int cap = 0; cap <= 63; cap++)
    if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL && errno != EPERM)
      break;
  if (getuid () != geteuid () && setresuid (getuid (), getuid (), getuid ()) != 0)
    return -1;
  if (getgid () != getegid () && setresgid (getgid (), getgid (), getgid ()) != 0)
    return -1;
  if (syscall (SYS_capset, &hdr, data) != 0)
    return -1;
  prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  return 0;
}

/* Counters for the app, on stderr, at most once a second and at the end:
 * "stats RECEIVED DROPPED IFDROPPED". */
static void
print_stats (void)
{
  struct pcap_stat st;

  if (pcap_stats (capture, &st) == 0)
    {
      fprintf (stderr, "stats %u %u %u\n", st.ps_recv, st.ps_drop, st.ps_ifdrop);
      fflush (stderr);
    }
}

static void
on_packet (u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
  static time_t last_stats;
  time_t now = time (NULL);

  if (now != last_stats)
    {
      last_stats = now;
      print_stats ();
    }
  pcap_dump (user, h, bytes);
  if (pcap_dump_flush ((pcap_dumper_t *) user) != 0)
    pcap_breakloop (capture);   /* the reader went away */
}

int
main (int argc, char **argv)
{
  const char *iface = NULL, *filter = "tcp";
  long count = -1;
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  struct bpf_program prog;
  pcap_dumper_t *dumper;
  int ret;

  if (argc == 2 && strcmp (argv[1], "--list") == 0)
    {
      pcap_if_t *all = NULL;
      if (pcap_findalldevs (&all, errbuf) != 0)
        {
          fprintf (stderr, "handshake-lens-capture: %s\n", errbuf);
          return 1;
        }
      for (pcap_if_t *d = all; d; d = d->next)
        printf ("%s\t%s\t%s\n", d->name, (d->flags & PCAP_IF_UP) ? "up" : "down",
                d->description ? d->description : "");
      pcap_freealldevs (all);
      return 0;
    }
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-i") == 0 && i + 1 < argc && !iface)
        iface = argv[++i];
      else if (strcmp (argv[i], "-f") == 0 && i + 1 < argc)
        filter = argv[++i];
      else if (strcmp (argv[i], "-c") == 0 && i + 1 < argc)
        {
          char *end;
          errno = 0;
          count = strtol (argv[++i], &end, 10);
          if (errno || *end || count <= 0 || count > 100000000)
            return usage ("the count must be a number from 1 to 100000000");
        }
      else
        return usage ("unexpected argument");
    }
  if (iface == NULL)
    return usage ("no interface given");
  if (!valid_interface (iface))
    return usage ("the interface name is not valid");
  if (!valid_filter (filter))
    return usage ("the filter must be printable ASCII of at most 1024 characters");
  if (isatty (STDOUT_FILENO))
    return usage ("stdout is a terminal: pipe the output into handshake-lens");

  capture = pcap_create (iface, errbuf);
  if (capture == NULL)
    {
      fprintf (stderr, "handshake-lens-capture: %s\n", errbuf);
      return 1;
    }
  pcap_set_snaplen (capture, 262144);
  pcap_set_promisc (capture, 0);
  pcap_set_immediate_mode (capture, 1);
  pcap_set_timeout (capture, 100);
  ret = pcap_activate (capture);
  if (ret < 0)
    {
      fprintf (stderr, "handshake-lens-capture: cannot capture on %s: %s\n", iface,
               ret == PCAP_ERROR_PERM_DENIED ? "permission denied (the helper needs cap_net_raw,cap_net_admin)"
               : pcap_geterr (capture));
      pcap_close (capture);
      return 1;
    }
  /* The socket is open: nothing else needs privileges. */
  if (drop_privileges () != 0)
    {
      fprintf (stderr, "handshake-lens-capture: could not drop privileges: %s\n", strerror (errno));
      pcap_close (capture);
      return 1;
    }
  if (pcap_compile (capture, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0 ||
      pcap_setfilter (capture, &prog) != 0)
    {
      fprintf (stderr, "handshake-lens-capture: bad filter: %s\n", pcap_geterr (capture));
      pcap_close (capture);
      return 2;
    }
  pcap_freecode (&prog);
  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGPIPE, SIG_IGN);
  dumper = pcap_dump_fopen (capture, stdout);
  if (dumper == NULL)
    {
      fprintf (stderr, "handshake-lens-capture: %s\n", pcap_geterr (capture));
      pcap_close (capture);
      return 1;
    }
  pcap_dump_flush (dumper);
  ret = pcap_loop (capture, (int) count, on_packet, (u_char *) dumper);
  if (ret == -1)
    fprintf (stderr, "handshake-lens-capture: %s\n", pcap_geterr (capture));
  print_stats ();
  pcap_dump_close (dumper);
  pcap_close (capture);
  return ret == -1 ? 1 : 0;
}
