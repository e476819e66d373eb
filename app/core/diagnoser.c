/* STUB */
#include "diagnoser.h"
void hl_diagnose (HlConnection *conn, const HlDiagnoseOptions *o) { g_ptr_array_set_size (conn->diagnoses, 0); }
