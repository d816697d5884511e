"""Unmittelbarer Zwang (§ 33 JVG): models."""
