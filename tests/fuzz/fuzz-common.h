/* Shared bits of the fuzz targets. */
#pragma once
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Touch every byte so the sanitizers see reads past the end. */
static inline void
fuzz_consume (const guint8 *p, gsize n)
{
  volatile guint8 sink = 0;
  for (gsize i = 0; i < n; i++)
    sink ^= p[i];
  (void) sink;
}

static inline char *
fuzz_write_temp (const uint8_t *data, size_t size)
{
  char *path = g_strdup_printf ("%s/hl-fuzz-%d.pcap", g_get_tmp_dir (), (int) getpid ());
  g_file_set_contents (path, (const char *) data, size, NULL);
  return path;
}
