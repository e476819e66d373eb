/* Fuzz target: TLS record/handshake parser (and the STARTTLS sniffer).
 * The input is split into chunks alternating direction. */
#include "fuzz-common.h"
#include "field.h"
#include "tls-session.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HlConnection *conn = hl_connection_new ();
  HlTlsSession *s;
  size_t off = 0;
  guint64 frame = 0;

  conn->id = 1;
  conn->started_late = (size & 1);
  /* headless reports keep no field trees and skip more bytes (record_keep) */
  hl_field_set_discard ((size & 2) != 0);
  s = hl_tls_session_new (conn, NULL);
  while (off < size)
    {
      size_t len = 1 + data[off] * 4;
      HlDirection dir = (data[off] & 1) ? HL_DIR_S2C : HL_DIR_C2S;
      off++;
      if (len > size - off)
        len = size - off;
      frame++;
      if (data[off - 1] == 0xff)
        hl_tls_session_gap (s, dir, 10, frame);
      else
        hl_tls_session_feed (s, dir, data + off, len, frame, (gint64) frame * 1000);
      off += len;
    }
  hl_tls_session_finish (s);
  hl_tls_session_free (s);
  hl_connection_free (conn);
  hl_field_set_discard (FALSE);
  return 0;
}
