"""Placeholder replaced below."""
class Directory:
    def __init__(self, request, page):
        self.request, self.page = request, page
