// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/recipe.h"
