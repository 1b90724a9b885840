"""meds"""
