print("attache: not built yet")
