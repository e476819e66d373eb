/* format.c: short human-readable renderings shared by the GUI widgets. */
#include "config.h"
#include "format.h"

#include <glib/gi18n.h>
#include "catalog.h"
#include "tls-names.h"

char *
hl_format_duration (gint64 ns)
{
  double ms = ns / 1e6;

  if (ns < 0)
    ns = 0;
  if (ms < 10)
    return g_strdup_printf (_("%.2f ms"), ms);
  if (ms < 1000)
    return g_strdup_printf (_("%.1f ms"), ms);
  if (ms < 60 * 1000)
    return g_strdup_printf (_("%.1f s"), ms / 1000);
  return g_strdup_printf (_("%d min %d s"), (int) (ms / 60000), ((int) (ms / 1000)) % 60);
}

char *
hl_format_endpoint (const HlEndpoint *ep)
{
  char addr[64];

  hl_endpoint_address_to_string (ep, addr, sizeof addr);
  if (ep->family == 6)
    return g_strdup_printf ("[%s]:%u", addr, ep->port);
  return g_strdup_printf ("%s:%u", addr, ep->port);
}

char *
hl_format_connection_title (const HlConnection *conn)
{
  if (conn->tls && conn->tls->client_hello && conn->tls->client_hello->sni &&
      conn->tls->client_hello->sni[0])
    return g_strdup (conn->tls->client_hello->sni);
  return hl_format_endpoint (&conn->server);
}

char *
hl_format_connection_endpoints (const HlConnection *conn)
{
  g_autofree char *client = hl_format_endpoint (&conn->client);
  g_autofree char *server = hl_format_endpoint (&conn->server);

  /* Translators: client → server endpoints of a connection. */
  return g_strdup_printf (_("%s → %s"), client, server);
}

char *
hl_format_connection_route (const HlConnection *conn)
{
  char client[64];
  g_autofree char *server = hl_format_endpoint (&conn->server);

  hl_endpoint_address_to_string (&conn->client, client, sizeof client);
  /* Translators: client address → server address:port, in the sidebar. */
  return g_strdup_printf (_("%s → %s"), client, server);
}

const char *
hl_format_connection_protocol (const HlConnection *conn)
{
  if (conn->tls == NULL)
    return "TCP";
  if (conn->tls->version == 0)
    return "TLS";
  return hl_tls_version_name (conn->tls->version);
}

const char *
hl_format_diagnosis_title (const HlDiagnosis *d)
{
  const HlCatalogEntry *entry = hl_catalog_lookup (HL_CATALOG_DIAGNOSIS, d->id);

  if (entry && entry->title)
    return hl_catalog_title (entry);
  return d->id;
}

const char *
hl_format_blame (HlBlame blame)
{
  switch (blame)
    {
    case HL_BLAME_CLIENT:
      return _("the client (the app or computer that connected)");
    case HL_BLAME_SERVER:
      return _("the server’s administrator");
    case HL_BLAME_NETWORK:
      return _("the network (path, firewall, packet loss)");
    case HL_BLAME_MIDDLEBOX:
      return _("a device in the middle (proxy, firewall, TLS inspection)");
    case HL_BLAME_UNKNOWN:
    default:
      return _("cannot be told from this capture");
    }
}

const HlDiagnosis *
hl_format_headline_diagnosis (const HlConnection *conn)
{
  const HlDiagnosis *warning = NULL;

  if (conn->diagnoses == NULL)
    return NULL;
  for (guint i = 0; i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      if (d->severity == HL_SEVERITY_ERROR)
        return d;
      if (d->severity == HL_SEVERITY_WARNING && warning == NULL)
        warning = d;
    }
  return warning;
}

HlConnectionState
hl_format_connection_state (const HlConnection *conn)
{
  const HlDiagnosis *d = hl_format_headline_diagnosis (conn);

  if (d && d->severity == HL_SEVERITY_ERROR)
    return HL_CONNECTION_STATE_FAILED;
  if (d && d->severity == HL_SEVERITY_WARNING)
    return HL_CONNECTION_STATE_WARNING;
  return HL_CONNECTION_STATE_OK;
}

const char *
hl_format_state_icon (HlConnectionState state)
{
  switch (state)
    {
    case HL_CONNECTION_STATE_FAILED:
      return "dialog-error-symbolic";
    case HL_CONNECTION_STATE_WARNING:
      return "dialog-warning-symbolic";
    case HL_CONNECTION_STATE_OK:
    default:
      return "emblem-ok-symbolic";
    }
}

const char *
hl_format_state_label (HlConnectionState state)
{
  switch (state)
    {
    case HL_CONNECTION_STATE_FAILED:
      return _("Failed");
    case HL_CONNECTION_STATE_WARNING:
      return _("Worked, with warnings");
    case HL_CONNECTION_STATE_OK:
    default:
      return _("Worked");
    }
}
