/* The capture process's privilege drop (privileges.c). */
#ifndef ACKLINE_PRIVILEGES_H
#define ACKLINE_PRIVILEGES_H

#include "util.h"

/* dropCapabilities(): drops every capability of every thread; returns what is left. */
napi_value ack_drop_capabilities(napi_env env, napi_callback_info info);

#endif
