/* Fuzz target: key log parser. */
#include "fuzz-common.h"
#include "keylog.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HlKeylog *k = hl_keylog_new ();
  guint8 cr[32] = { 0 };
  gsize len;
  g_autofree char *text = NULL;

  hl_keylog_add_text (k, (const char *) data, size);
  if (size >= 32)
    memcpy (cr, data, 32);
  hl_keylog_lookup (k, "CLIENT_RANDOM", cr, &len);
  text = hl_keylog_to_text (k);
  hl_keylog_unref (k);
  return 0;
}
