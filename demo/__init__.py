"""Demo data: Jilin's places, departments and subjects, one login per role, and cases in every
state made through the workflows facades, so that every printed login has something to try.

Not a domain room: nothing imports it; `manage.py seed_demo` is its only entry point.
"""
