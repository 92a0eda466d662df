"""Placeholder: being written."""


def render_notice(notice):
    raise NotImplementedError
