// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's icons, compiled into the golfstudio library (resources/icons).

#include <QIcon>

namespace App {

/// The icon `name` (":/icons/<name>.svg").
inline QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace App
