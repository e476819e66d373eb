/* live-capture.c: libpcap live capture; see live-capture.h. */
#include "live-capture.h"

#include <pcap/pcap.h>
#include <string.h>

#include "hl-error.h"
#include "i18n.h"

struct _HlLiveCapture {
  pcap_t  *pcap;
  guint32  linktype;
  guint64  number;
  volatile gint stop;
  char    *interface;
};

static void
interface_free (HlInterface *i)
{
  g_free (i->name);
  g_free (i->description);
  g_free (i);
}

GPtrArray *
hl_live_list_interfaces (GError **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  pcap_if_t *all = NULL;
  GPtrArray *out;

  if (pcap_findalldevs (&all, errbuf) != 0)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_PERMISSION,
                   _("Could not list the network interfaces: %s"), errbuf);
      return NULL;
    }
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) interface_free);
  for (pcap_if_t *d = all; d; d = d->next)
    {
      HlInterface *i = g_new0 (HlInterface, 1);
      i->name = g_strdup (d->name);
      i->description = g_strdup (d->description);
      i->up = (d->flags & PCAP_IF_UP) != 0;
      i->running = (d->flags & PCAP_IF_RUNNING) != 0;
      i->loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
      g_ptr_array_add (out, i);
    }
  pcap_freealldevs (all);
  return out;
}

char *
hl_live_permission_help (const char *interface)
{
  return g_strdup_printf (
    _("Capturing on “%s” needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities, which this "
      "program does not have. Either install the capture helper "
      "(“sudo setcap cap_net_raw,cap_net_admin+ep %s/handshake-lens-capture”), run it "
      "through pkexec, or capture with tcpdump and pipe it in: "
      "“sudo tcpdump -U -w - -i %s tcp | handshake-lens -”. "
      "Testing a server with “Test a Server…” needs no privileges at all."),
    interface ? interface : "any", LIBEXECDIR, interface ? interface : "any");
}

HlLiveCapture *
hl_live_capture_open (const char *interface, const char *filter, GError **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  struct bpf_program prog;
  HlLiveCapture *c;
  pcap_t *p;
  int ret;

  p = pcap_create (interface, errbuf);
  if (p == NULL)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Cannot open interface “%s”: %s"), interface, errbuf);
      return NULL;
    }
  pcap_set_snaplen (p, 262144);
  pcap_set_promisc (p, 0);
  pcap_set_timeout (p, 100);
  pcap_set_immediate_mode (p, 1);
  pcap_set_buffer_size (p, 8 * 1024 * 1024);
  ret = pcap_activate (p);
  if (ret < 0)
    {
      if (ret == PCAP_ERROR_PERM_DENIED)
        {
          g_autofree char *help = hl_live_permission_help (interface);
          g_set_error_literal (error, HL_ERROR, HL_ERROR_PERMISSION, help);
        }
      else if (ret == PCAP_ERROR_NO_SUCH_DEVICE)
        g_set_error (error, HL_ERROR, HL_ERROR_IO, _("There is no interface called “%s”."), interface);
      else
        g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Cannot capture on “%s”: %s"), interface,
                     pcap_geterr (p));
      pcap_close (p);
      return NULL;
    }
  if (pcap_compile (p, &prog, filter && *filter ? filter : "tcp", 1, PCAP_NETMASK_UNKNOWN) != 0)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_FAILED, _("The capture filter “%s” is not valid: %s"),
                   filter, pcap_geterr (p));
      pcap_close (p);
      return NULL;
    }
  ret = pcap_setfilter (p, &prog);
  pcap_freecode (&prog);
  if (ret != 0)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_FAILED, _("Cannot apply the capture filter: %s"),
                   pcap_geterr (p));
      pcap_close (p);
      return NULL;
    }
  c = g_new0 (HlLiveCapture, 1);
  c->pcap = p;
  c->linktype = (guint32) pcap_datalink (p);
  c->interface = g_strdup (interface);
  return c;
}

typedef struct {
  HlLiveCapture *c;
  HlFrameFunc    func;
  gpointer       data;
} LoopData;

static void
on_packet (u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
  LoopData *d = (LoopData *) user;
  HlFrame f = { 0 };

  f.number = ++d->c->number;
  f.ts_ns = (gint64) h->ts.tv_sec * G_GINT64_CONSTANT (1000000000) + (gint64) h->ts.tv_usec * 1000;
  f.linktype = d->c->linktype;
  f.caplen = h->caplen;
  f.origlen = h->len;
  f.data = bytes;
  d->func (&f, d->data);
}

gboolean
hl_live_capture_run (HlLiveCapture *c, HlFrameFunc func, gpointer user_data, GError **error)
{
  LoopData d = { c, func, user_data };

  while (!g_atomic_int_get (&c->stop))
    {
      int n = pcap_dispatch (c->pcap, -1, on_packet, (u_char *) &d);
      if (n == PCAP_ERROR_BREAK)
        break;
      if (n < 0)
        {
          g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Capture on “%s” stopped: %s"),
                       c->interface, pcap_geterr (c->pcap));
          return FALSE;
        }
    }
  return TRUE;
}

void
hl_live_capture_stop (HlLiveCapture *c)
{
  g_atomic_int_set (&c->stop, 1);
  pcap_breakloop (c->pcap);
}

void
hl_live_capture_stats (HlLiveCapture *c, guint64 *received, guint64 *dropped, guint64 *if_dropped)
{
  struct pcap_stat st = { 0 };
  pcap_stats (c->pcap, &st);
  if (received) *received = st.ps_recv;
  if (dropped) *dropped = st.ps_drop;
  if (if_dropped) *if_dropped = st.ps_ifdrop;
}

void
hl_live_capture_free (HlLiveCapture *c)
{
  if (c == NULL)
    return;
  pcap_close (c->pcap);
  g_free (c->interface);
  g_free (c);
}
