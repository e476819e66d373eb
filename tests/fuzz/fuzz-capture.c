/* Fuzz target: capture file reader (pcap / pcapng / gzip) + whole engine. */
#include "fuzz-common.h"
#include "engine.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = fuzz_write_temp (data, size);
  HlEngine *e = hl_engine_new ();
  g_autoptr(GError) error = NULL;

  hl_engine_process_file (e, path, NULL, &error);
  hl_engine_free (e);
  g_unlink (path);
  return 0;
}
