"""Views of the accounts app: thin (validate, call one service or selector, render).

`link`: the 7digital link; `locker`: owned music and downloads; `wishlist`;
`overview`: the account page and purchase history. Every state change is a POST with
CSRF; the OAuth callback is the one GET that changes state, and it is bound to the
request token this shopper's session started.
"""
