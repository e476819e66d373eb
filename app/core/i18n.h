/* i18n.h: gettext for the engine (the library is translated too). */
#pragma once
#include "config.h"
#include <glib/gi18n-lib.h>
