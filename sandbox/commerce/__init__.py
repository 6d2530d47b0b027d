"""Commerce services of the sandbox: users, baskets, vouchers, PayPal, cards, purchases,
the locker and delivery.

Business rules live here, one module per area, as `<entity>_<action>` functions with
keyword-only arguments; the API views in `sandbox.views` only parse parameters, call
one service and serialise. Services raise `sandbox.wire.ApiError` with the 7digital
code the rule stands for, so a view needs no translation layer.
"""
