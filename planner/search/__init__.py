"""From a query to its ranked options: the main hauls a forwarder books, the scheduled
services ridden, the exact Pareto search and the route library, the trucks of places beyond the
network, the route's legs and time, the ranking, the wording of each option, and why no route
exists.
"""
